// A thread_local read on every op. The initial-exec model makes each access one instruction
// instead of a call to __tls_get_addr; it takes a few bytes of the static TLS space that glibc
// keeps for libraries loaded at start-up and, spare, for those opened later (the Python module).
#pragma once

#define CTORCH_FAST_TLS __attribute__((tls_model("initial-exec"))) thread_local
