/** The {@code gojack} command line: {@code gojack inspect} prints what GoJack finds in a library. */
package dev.gojack.cli;
