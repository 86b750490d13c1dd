#define _GNU_SOURCE
#include "pw_cleanup.h"

#include <errno.h>
#include <pthread.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

static char staging_path[4096];
static volatile sig_atomic_t armed = 0;
static volatile sig_atomic_t installed = 0;

/// The kernel's directory record (getdents64); readdir allocates, so it is
/// not async-signal-safe.
struct pw_dirent64 {
  unsigned long long d_ino;
  long long d_off;
  unsigned short d_reclen;
  unsigned char d_type;
  char d_name[];
};

static int is_dot_or_dotdot(const char *name) {
  return name[0] == '.' && (name[1] == 0 || (name[1] == '.' && name[2] == 0));
}

/// Removes `name` under `parent_fd`: a file (or link) directly, a folder
/// after its contents. Output folders nest two or three levels; deeper trees
/// are cut off at 8 levels rather than risk the signal handler's stack.
static void remove_at(int parent_fd, const char *name, int depth) {
  if (unlinkat(parent_fd, name, 0) == 0 || errno == ENOENT) return;
  if (depth >= 8) return;
  int fd = openat(parent_fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return;
  char buffer[1024] __attribute__((aligned(8)));
  // Removing entries while listing may hide some from the listing: list
  // again from the start until a pass removes nothing.
  for (int pass = 0; pass < 64; pass++) {
    int removed = 0;
    lseek(fd, 0, SEEK_SET);
    for (;;) {
      long n = syscall(SYS_getdents64, fd, buffer, sizeof buffer);
      if (n <= 0) break;
      for (long offset = 0; offset < n;) {
        struct pw_dirent64 *entry = (struct pw_dirent64 *)(buffer + offset);
        offset += entry->d_reclen;
        if (is_dot_or_dotdot(entry->d_name)) continue;
        remove_at(fd, entry->d_name, depth + 1);
        removed = 1;
      }
    }
    if (!removed) break;
  }
  close(fd);
  unlinkat(parent_fd, name, AT_REMOVEDIR);
}

static void handler(int signal_number) {
  int saved = errno;
  if (armed) {
    armed = 0;
    remove_at(AT_FDCWD, staging_path, 0);
  }
  struct sigaction action;
  memset(&action, 0, sizeof action);
  action.sa_handler = SIG_DFL;
  sigemptyset(&action.sa_mask);
  sigaction(signal_number, &action, 0);
  // Blocked while this handler runs: delivered, with the default action,
  // as soon as it returns.
  raise(signal_number);
  errno = saved;
}

void pw_cleanup_install(void) {
  if (installed) return;
  installed = 1;
  const int signals[] = {SIGINT, SIGTERM, SIGHUP};
  sigset_t unblock;
  sigemptyset(&unblock);
  for (unsigned i = 0; i < sizeof signals / sizeof signals[0]; i++) {
    struct sigaction old;
    if (sigaction(signals[i], 0, &old) == 0 && old.sa_handler == SIG_IGN) continue;
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = handler;
    sigfillset(&action.sa_mask);
    sigaction(signals[i], &action, 0);
    sigaddset(&unblock, signals[i]);
  }
  // A process started from a thread that blocks signals (a test runner's
  // worker, a launcher's pool) inherits the block, and would then never be
  // stopped by them: this thread takes them again.
  pthread_sigmask(SIG_UNBLOCK, &unblock, 0);
}

int pw_cleanup_arm(const char *path) {
  armed = 0;
  size_t length = strlen(path);
  if (length >= sizeof staging_path) return -1;
  memcpy(staging_path, path, length + 1);
  armed = 1;
  return 0;
}

void pw_cleanup_disarm(void) { armed = 0; }

int pw_remove_tree(const char *path) {
  remove_at(AT_FDCWD, path, 0);
  struct stat status;
  return lstat(path, &status) == 0 ? -1 : 0;
}
