/** Benchmarks ({@code make bench}): JMH benchmarks and the harness that prints ratios against baselines. */
package dev.gojack.bench;
