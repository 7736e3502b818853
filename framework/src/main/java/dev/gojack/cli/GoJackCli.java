package dev.gojack.cli; public final class GoJackCli { public static void main(String[] a) {} }
