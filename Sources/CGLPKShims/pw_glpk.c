#include "pw_glpk.h"

#include <glpk.h>
#include <setjmp.h>
#include <pthread.h>
#include <string.h>

#define PW_LOG_CAP 16384

/* Per-thread state, matching GLPK's per-thread environment. */
static _Thread_local char pw_log[PW_LOG_CAP];
static _Thread_local size_t pw_log_len;
static _Thread_local unsigned long pw_gen_thread;
static unsigned long pw_gen_process; /* used only when GLPK has one environment */
static _Thread_local int pw_verbose;
/* Problems this thread's environment holds (pw_create less pw_delete; 0
   after a trap, which frees them all). Per thread: meaningful only when
   GLPK's environment is. */
static _Thread_local long pw_live_problems;

int pw_thread_local_environment(void) {
  return glp_config("TLS") != NULL;
}

unsigned long pw_thread_token(void) { return (unsigned long)pthread_self(); }

unsigned long pw_generation(void) {
  return pw_thread_local_environment() ? pw_gen_thread
                                       : __atomic_load_n(&pw_gen_process, __ATOMIC_SEQ_CST);
}

static void pw_bump_generation(void) {
  if (pw_thread_local_environment())
    pw_gen_thread++;
  else
    __atomic_add_fetch(&pw_gen_process, 1, __ATOMIC_SEQ_CST);
}

void pw_set_verbose(int on) { pw_verbose = on; }

size_t pw_take_log(char *buf, size_t cap) {
  size_t n = pw_log_len < cap - 1 ? pw_log_len : cap - 1;
  memcpy(buf, pw_log, n);
  buf[n] = '\0';
  pw_log_len = 0;
  return n;
}

/* Keeps the latest output: on overflow the oldest half is dropped. */
static int pw_term_hook(void *info, const char *s) {
  (void)info;
  size_t n = strlen(s);
  if (n > PW_LOG_CAP / 2) {
    s += n - (PW_LOG_CAP / 2);
    n = PW_LOG_CAP / 2;
  }
  if (pw_log_len + n >= PW_LOG_CAP) {
    size_t keep = PW_LOG_CAP / 2 < pw_log_len ? PW_LOG_CAP / 2 : pw_log_len;
    memmove(pw_log, pw_log + pw_log_len - keep, keep);
    pw_log_len = keep;
  }
  memcpy(pw_log + pw_log_len, s, n);
  pw_log_len += n;
  return 1; /* non-zero: GLPK must not print it */
}

static void pw_error_hook(void *info) {
  longjmp(*(jmp_buf *)info, 1);
}

/* Everything between PW_GUARD and PW_UNGUARD is plain C calling GLPK. */
#define PW_GUARD                                   \
  jmp_buf pw_jb;                                   \
  glp_term_hook(pw_term_hook, NULL);               \
  if (setjmp(pw_jb)) {                             \
    glp_error_hook(NULL, NULL);                    \
    glp_free_env();                                \
    pw_live_problems = 0;                          \
    pw_bump_generation();                          \
    return PW_TRAPPED;                             \
  }                                                \
  glp_error_hook(pw_error_hook, &pw_jb);

#define PW_UNGUARD glp_error_hook(NULL, NULL);

int pw_create(glp_prob **out) {
  PW_GUARD
  *out = glp_create_prob();
  PW_UNGUARD
  pw_live_problems++;
  return PW_OK;
}

/* Deleting a thread's last problem frees its environment too (when GLPK
   keeps one per thread): a worker thread that ends later, such as one of
   Dispatch's, would otherwise leave its environment allocated for good
   (LeakSanitizer: 5,296 bytes a thread). Nothing outlives the problems:
   the hooks are set again by every guarded call, and glp_alloc'd scratch
   is freed within the call that made it. The next GLPK call on the thread
   makes a fresh environment. */
int pw_delete(glp_prob *P) {
  PW_GUARD
  glp_delete_prob(P);
  PW_UNGUARD
  if (--pw_live_problems == 0 && pw_thread_local_environment()) glp_free_env();
  return PW_OK;
}

int pw_load(glp_prob *P, int minimise,
            int m, const int *row_type, const double *row_lb, const double *row_ub,
            int n, const int *col_type, const double *col_lb, const double *col_ub,
            const double *obj, const int *col_kind,
            int ne, const int *ia, const int *ja, const double *ar) {
  PW_GUARD
  glp_set_obj_dir(P, minimise ? GLP_MIN : GLP_MAX);
  if (m > 0) glp_add_rows(P, m);
  if (n > 0) glp_add_cols(P, n);
  for (int i = 0; i < m; i++)
    glp_set_row_bnds(P, i + 1, row_type[i], row_lb[i], row_ub[i]);
  for (int j = 0; j < n; j++) {
    glp_set_col_bnds(P, j + 1, col_type[j], col_lb[j], col_ub[j]);
    glp_set_obj_coef(P, j + 1, obj[j]);
    if (col_kind != NULL && col_kind[j] != GLP_CV)
      glp_set_col_kind(P, j + 1, col_kind[j]);
  }
  if (ne > 0) {
    /* glp_load_matrix wants 1-based arrays with an unused slot 0. The
       copies come from glp_alloc so that a trap (glp_free_env) frees them. */
    int *ia1 = glp_alloc(ne + 1, sizeof(int));
    int *ja1 = glp_alloc(ne + 1, sizeof(int));
    double *ar1 = glp_alloc(ne + 1, sizeof(double));
    for (int k = 0; k < ne; k++) {
      ia1[k + 1] = ia[k] + 1;
      ja1[k + 1] = ja[k] + 1;
      ar1[k + 1] = ar[k];
    }
    glp_load_matrix(P, ne, ia1, ja1, ar1);
    glp_free(ia1);
    glp_free(ja1);
    glp_free(ar1);
  }
  PW_UNGUARD
  return PW_OK;
}

int pw_set_objective(glp_prob *P, int n, const double *obj) {
  PW_GUARD
  for (int j = 0; j < n; j++) glp_set_obj_coef(P, j + 1, obj[j]);
  PW_UNGUARD
  return PW_OK;
}

int pw_set_bounds(glp_prob *P, int which, int count, const int *index,
                  const int *type, const double *lb, const double *ub) {
  PW_GUARD
  for (int k = 0; k < count; k++) {
    if (which == PW_ROWS)
      glp_set_row_bnds(P, index[k] + 1, type[k], lb[k], ub[k]);
    else
      glp_set_col_bnds(P, index[k] + 1, type[k], lb[k], ub[k]);
  }
  PW_UNGUARD
  return PW_OK;
}

int pw_set_basis(glp_prob *P, const int *row_stat, const int *col_stat) {
  PW_GUARD
  int m = glp_get_num_rows(P), n = glp_get_num_cols(P);
  for (int i = 0; i < m; i++) glp_set_row_stat(P, i + 1, row_stat[i]);
  for (int j = 0; j < n; j++) glp_set_col_stat(P, j + 1, col_stat[j]);
  PW_UNGUARD
  return PW_OK;
}

int pw_simplex(glp_prob *P, int meth, int pricing, int presolve, int tm_lim_ms,
               int it_lim, double tol_dj, int *ret, int *status,
               int *iterations) {
  PW_GUARD
  int before = glp_get_it_cnt(P);
  glp_smcp parm;
  glp_init_smcp(&parm);
  parm.msg_lev = pw_verbose ? GLP_MSG_ON : GLP_MSG_ERR;
  parm.meth = meth;
  parm.pricing = pricing;
  parm.presolve = presolve ? GLP_ON : GLP_OFF;
  if (tm_lim_ms > 0) parm.tm_lim = tm_lim_ms;
  if (it_lim > 0) parm.it_lim = it_lim;
  if (tol_dj > 0) parm.tol_dj = tol_dj;
  *ret = glp_simplex(P, &parm);
  *status = glp_get_status(P);
  *iterations = glp_get_it_cnt(P) - before;
  PW_UNGUARD
  return PW_OK;
}

int pw_intopt(glp_prob *P, int presolve, int tm_lim_ms, double mip_gap,
              int *ret, int *status) {
  PW_GUARD
  glp_iocp parm;
  glp_init_iocp(&parm);
  parm.msg_lev = pw_verbose ? GLP_MSG_ON : GLP_MSG_ERR;
  parm.presolve = presolve ? GLP_ON : GLP_OFF;
  if (tm_lim_ms > 0) parm.tm_lim = tm_lim_ms;
  if (mip_gap > 0) parm.mip_gap = mip_gap;
  *ret = glp_intopt(P, &parm);
  *status = glp_mip_status(P);
  PW_UNGUARD
  return PW_OK;
}

int pw_basic_solution(glp_prob *P, double *obj,
                      double *col_prim, double *col_dual, int *col_stat,
                      double *row_prim, double *row_dual, int *row_stat) {
  PW_GUARD
  int m = glp_get_num_rows(P), n = glp_get_num_cols(P);
  if (obj) *obj = glp_get_obj_val(P);
  for (int j = 0; j < n; j++) {
    if (col_prim) col_prim[j] = glp_get_col_prim(P, j + 1);
    if (col_dual) col_dual[j] = glp_get_col_dual(P, j + 1);
    if (col_stat) col_stat[j] = glp_get_col_stat(P, j + 1);
  }
  for (int i = 0; i < m; i++) {
    if (row_prim) row_prim[i] = glp_get_row_prim(P, i + 1);
    if (row_dual) row_dual[i] = glp_get_row_dual(P, i + 1);
    if (row_stat) row_stat[i] = glp_get_row_stat(P, i + 1);
  }
  PW_UNGUARD
  return PW_OK;
}

int pw_mip_solution(glp_prob *P, double *obj, double *col_val) {
  PW_GUARD
  int n = glp_get_num_cols(P);
  if (obj) *obj = glp_mip_obj_val(P);
  for (int j = 0; j < n; j++) col_val[j] = glp_mip_col_val(P, j + 1);
  PW_UNGUARD
  return PW_OK;
}

#ifdef PW_TEST_HOOKS
long pw_test_live_problems(void) { return pw_live_problems; }

long pw_test_environment_peak(void) {
  size_t peak = 0;
  glp_mem_usage(NULL, NULL, NULL, &peak);
  if (pw_live_problems == 0 && pw_thread_local_environment()) glp_free_env();
  return (long)peak;
}

int pw_provoke_error(glp_prob *P) {
  PW_GUARD
  glp_set_col_bnds(P, glp_get_num_cols(P) + 1, GLP_FX, 0.0, 0.0);
  PW_UNGUARD
  return PW_OK;
}
#endif
