// Node 20's V8 can abort the process ("Fatal error … unreachable code" in
// Deoptimizer::DoComputeBuiltinContinuation) after TurboFan has inlined calls from JavaScript into
// WebAssembly and later deoptimizes them. Cedar and PGlite are WebAssembly; bench:impact
// reproduced the abort (2 runs of 2) and the decision benchmark met it under load. Not inlining
// those calls avoids it (0 of 4 with the flag) at no measurable cost. Imported, for its effect,
// by every module that loads one of them, so it holds in the server, scripts, benches and tests.
import v8 from "node:v8";

v8.setFlagsFromString("--no-turbo-inline-js-wasm-calls");
