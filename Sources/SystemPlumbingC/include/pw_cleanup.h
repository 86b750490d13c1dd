#ifndef PW_CLEANUP_H
#define PW_CLEANUP_H

/// Removal of a staging folder when the process is stopped by a signal.
///
/// Swift cannot run arbitrary code in a signal handler, so the handler is C
/// and uses only async-signal-safe calls: the path is copied into a static
/// buffer beforehand, and the folder is removed with openat, getdents64,
/// unlinkat and close. The handler then restores the default action and
/// raises the signal again, so the process ends with the signal's status.

/// Installs the handler for SIGINT, SIGTERM and SIGHUP (a signal the process
/// ignores, such as SIGHUP under nohup, stays ignored) and unblocks them on
/// the calling thread. Idempotent; call it on the main thread.
void pw_cleanup_install(void);

/// Arms the handler with the staging folder's absolute path; 0 on success,
/// -1 when the path is too long to hold (the folder is then swept by the
/// next run instead).
int pw_cleanup_arm(const char *path);

/// Disarms the handler (the folder was renamed into place or removed).
void pw_cleanup_disarm(void);

/// Removes the folder tree at `path` with the handler's own code (for tests
/// and for the sweep of folders left by killed runs); 0 when it is gone.
int pw_remove_tree(const char *path);

#endif
