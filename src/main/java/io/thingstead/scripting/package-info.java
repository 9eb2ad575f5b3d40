/**
 * The script runtime of device methods (docs/methods.md): GraalJS with one shared engine,
 * constrained sandbox contexts never shared between accounts, syntax checks with the line and
 * column in the method body, and running a body in either script style against a host the caller
 * gives. Knows nothing of devices, profiles or the write pipeline: every built-in a script calls
 * goes through that host, and only JSON crosses the boundary. Depends on core alone, and is the
 * only package that touches GraalVM.
 */
package io.thingstead.scripting;
