/*
 * Guarded entry points into GLPK.
 *
 * GLPK reports a fatal error (an invalid call, an internal failure) by
 * printing and calling abort(). glp_error_hook lets us regain control only
 * through longjmp, and Swift frames must never be jumped over, so every GLPK
 * call Placewise makes goes through one of these C functions: each sets the
 * hook and setjmp, calls GLPK, and returns PW_OK or PW_TRAPPED. After a trap
 * GLPK's environment (of this thread: Debian builds GLPK with thread-local
 * environments) has been freed with glp_free_env, which also freed every
 * problem object of this thread; pw_generation() lets owners notice that.
 *
 * GLPK's terminal output never reaches stdout: it is captured into a
 * per-thread buffer that pw_take_log drains.
 */
#ifndef PW_GLPK_H
#define PW_GLPK_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct glp_prob glp_prob;

enum {
  PW_OK = 0,
  PW_TRAPPED = 1
};

/* Whether this GLPK keeps one environment per thread (glp_config("TLS")). */
int pw_thread_local_environment(void);

/* An id of the calling thread (pthread_self), to keep problems on their thread. */
unsigned long pw_thread_token(void);

/* Incremented on this thread's environment each time a trap freed it. */
unsigned long pw_generation(void);

/* Moves up to cap-1 bytes of captured terminal output into buf (NUL
   terminated) and clears the capture. Returns the number of bytes written. */
size_t pw_take_log(char *buf, size_t cap);

/* Asks GLPK to print its progress messages (captured, never printed). */
void pw_set_verbose(int on);

int pw_create(glp_prob **out);
/* Deletes a problem; the thread's environment too once it holds none
   (when GLPK keeps one per thread). */
int pw_delete(glp_prob *P);

/* Loads a whole model into an empty problem. Arrays are 0-based here; the
   1-based shifting GLPK wants is done inside. Types are GLP_FR..GLP_FX,
   kinds GLP_CV/GLP_IV. ia/ja are 0-based row/column numbers. */
int pw_load(glp_prob *P, int minimise,
            int m, const int *row_type, const double *row_lb, const double *row_ub,
            int n, const int *col_type, const double *col_lb, const double *col_ub,
            const double *obj, const int *col_kind,
            int ne, const int *ia, const int *ja, const double *ar);

int pw_set_objective(glp_prob *P, int n, const double *obj);

/* What pw_set_bounds changes: rows or columns. */
enum {
  PW_ROWS = 0,
  PW_COLUMNS = 1
};

/* Sets the bounds of count rows (which == PW_ROWS) or columns
   (PW_COLUMNS); index holds their 0-based numbers. */
int pw_set_bounds(glp_prob *P, int which, int count, const int *index,
                  const int *type, const double *lb, const double *ub);

/* Sets the status (GLP_BS, GLP_NL, ...) of every row and column: a starting
   basis for the next glp_simplex. */
int pw_set_basis(glp_prob *P, const int *row_stat, const int *col_stat);

/* Runs glp_simplex with method meth and pricing rule pricing (GLP_PT_STD or
   GLP_PT_PSE) and, when tol_dj > 0, that dual feasibility tolerance (else
   GLPK's 1e-7); *ret gets its return code, *status glp_get_status,
   *iterations the simplex iterations this call made. */
int pw_simplex(glp_prob *P, int meth, int pricing, int presolve, int tm_lim_ms,
               int it_lim, double tol_dj, int *ret, int *status,
               int *iterations);

/* Runs glp_intopt; *ret its return code, *status glp_mip_status. */
int pw_intopt(glp_prob *P, int presolve, int tm_lim_ms, double mip_gap,
              int *ret, int *status);

/* Copies the basic solution into 0-based arrays (any may be NULL). */
int pw_basic_solution(glp_prob *P, double *obj,
                      double *col_prim, double *col_dual, int *col_stat,
                      double *row_prim, double *row_dual, int *row_stat);

/* Copies the MIP solution into a 0-based array. */
int pw_mip_solution(glp_prob *P, double *obj, double *col_val);

#ifdef PW_TEST_HOOKS
/* Deliberately makes an invalid GLPK call (a column number out of range),
   so tests can show the trap turns GLPK's abort into an error. A test hook:
   Package.swift defines PW_TEST_HOOKS in debug builds only. */
int pw_provoke_error(glp_prob *P);

/* The problems this thread's environment holds, as pw_create and pw_delete
   count them. */
long pw_test_live_problems(void);

/* The peak bytes GLPK has allocated in this thread's environment (a fresh
   one, 0, if there was none); the environment is then freed again when it
   holds no problem. */
long pw_test_environment_peak(void);
#endif

#ifdef __cplusplus
}
#endif

#endif
