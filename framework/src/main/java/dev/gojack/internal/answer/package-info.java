/**
 * Go calls Java (issue 19): the dispatcher closure {@code runtime.cgocall} enters, the decoding of a call's
 * arguments from the answer stub's frame by the function's Go signature, and the encoding of the answer's results
 * back into the frame. The stub itself is {@code internal.arch.amd64.Amd64AnswerStub}; the runtime learns about it
 * through {@code internal.runtime.StubModule}.
 */
package dev.gojack.internal.answer;
