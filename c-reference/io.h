/* Files in and out: SMV header ingestion, text tables, and the writers
 * (io-rng.md section 10).  Every output goes through a temp file + rename. */
#ifndef NBREF_IO_H
#define NBREF_IO_H
#include <stddef.h>
#include "vec3.h"

struct nb_state_fwd;

/* write buf to path via a temporary file and rename; 0 on success */
int io_write_atomic(const char *path, const void *buf, size_t len);
/* the cell-vector tables printed during setup */
void io_print_axes(const char *title, const char *n1, const char *n2, const char *n3, vec3 a, vec3 b, vec3 c);
/* whitespace/punctuation separated numeric columns (setup.md H10);
 * returns the record count, allocates ncol arrays of count+10 */
int io_read_columns(const char *path, int ncol, double **cols);

#endif
