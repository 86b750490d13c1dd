#ifndef PW_SHA256_H
#define PW_SHA256_H

#include <stddef.h>
#include <stdint.h>

/// SHA-256's compression of whole 64-byte blocks with the processor's SHA
/// extensions (x86 SHA-NI), which hash several times faster than portable
/// code: manifests hash every input and output file of a run (the 20k
/// case's travel matrix alone is 99 MB).
///
/// Compresses `blocks` blocks at `data` into `state` (the eight working
/// words, in order) and returns 1; returns 0, touching nothing, when the
/// processor lacks the extensions (the caller then uses its own code).
int pw_sha256_blocks(uint32_t state[8], const uint8_t *data, size_t blocks);

/// 1 when `pw_sha256_blocks` uses the extensions on this processor, else 0.
int pw_sha256_available(void);

#endif
