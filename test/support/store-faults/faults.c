/*
 * Disk faults for the embedded store's file, from outside the store: an LD_PRELOAD library for
 * the relay's tests (test/support/store-faults.ts builds it). It stands in front of fsync,
 * fdatasync and pwrite for files named *.mv.db and fails them while a trigger file exists in
 * $STORE_FAULTS_DIR; every other call and file goes straight through.
 *   fsync-fails-once   the next sync fails with EIO (the file is then removed)
 *   write-fails-once   the next write fails with EIO (the file is then removed)
 *   disk-full          every write fails with ENOSPC while it exists
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

static int is_store_file(int fd) {
    char link[64];
    char path[4096];
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    ssize_t length = readlink(link, path, sizeof path - 1);
    if (length <= 6) return 0;
    path[length] = '\0';
    return strcmp(path + length - 6, ".mv.db") == 0;
}

/* Whether the trigger is set; a one-time trigger fires for exactly one caller. */
static int triggered(const char *name, int once) {
    const char *dir = getenv("STORE_FAULTS_DIR");
    char path[4096];
    if (dir == NULL) return 0;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    if (once) return unlink(path) == 0;
    return access(path, F_OK) == 0;
}

static int failed_sync(int fd) {
    if (!is_store_file(fd) || !triggered("fsync-fails-once", 1)) return 0;
    errno = EIO;
    return 1;
}

static int failed_write(int fd) {
    if (!is_store_file(fd)) return 0;
    if (triggered("disk-full", 0)) {
        errno = ENOSPC;
        return 1;
    }
    if (triggered("write-fails-once", 1)) {
        errno = EIO;
        return 1;
    }
    return 0;
}

int fsync(int fd) {
    static int (*real)(int);
    if (real == NULL) real = (int (*)(int)) dlsym(RTLD_NEXT, "fsync");
    return failed_sync(fd) ? -1 : real(fd);
}

int fdatasync(int fd) {
    static int (*real)(int);
    if (real == NULL) real = (int (*)(int)) dlsym(RTLD_NEXT, "fdatasync");
    return failed_sync(fd) ? -1 : real(fd);
}

ssize_t pwrite64(int fd, const void *buffer, size_t count, off_t offset) {
    static ssize_t (*real)(int, const void *, size_t, off_t);
    if (real == NULL) real = (ssize_t (*)(int, const void *, size_t, off_t)) dlsym(RTLD_NEXT, "pwrite64");
    return failed_write(fd) ? -1 : real(fd, buffer, count, offset);
}

ssize_t pwrite(int fd, const void *buffer, size_t count, off_t offset) {
    return pwrite64(fd, buffer, count, offset);
}
