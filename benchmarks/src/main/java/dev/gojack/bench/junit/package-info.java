/** The JUnit overhead harness: test classes run through the JUnit Platform in fresh JVMs. */
package dev.gojack.bench.junit;
