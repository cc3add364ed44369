// The only header that includes <curl/curl.h>. libcurl's setopt/getinfo are variadic, which Swift
// cannot call, so each value type gets a typed wrapper here.
#ifndef LOADRUNNER_CCURL_H
#define LOADRUNNER_CCURL_H

#include <curl/curl.h>
#include <stdint.h>

CURLcode lr_easy_setopt_long(CURL *handle, CURLoption option, long value);
CURLcode lr_easy_setopt_string(CURL *handle, CURLoption option, const char *value);
CURLcode lr_easy_setopt_pointer(CURL *handle, CURLoption option, void *value);
CURLcode lr_easy_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value);

/// Discards response bodies as they arrive, adding their size to *counter.
CURLcode lr_easy_count_body(CURL *handle, uint64_t *counter);

/// A growable byte buffer for the few transfers whose body is kept (data `fetch` sources).
typedef struct lr_body_buffer {
    char *bytes;
    size_t length;
    size_t capacity;
    size_t limit;      /// bytes kept at most; the transfer fails past it
    size_t refused;    /// when the body passed `limit`: the bytes seen (or announced by Content-Length); else 0
    CURL *handle;      /// the transfer, to read its Content-Length (set by lr_easy_capture_body)
} lr_body_buffer;

/// Keeps the response body in `buffer` (up to buffer->limit bytes). A Content-Length above the limit
/// fails the transfer at the first body bytes; a known Content-Length sizes the buffer at once.
CURLcode lr_easy_capture_body(CURL *handle, lr_body_buffer *buffer);
void lr_body_buffer_free(lr_body_buffer *buffer);

/// Keeps the response header lines in `buffer` (up to buffer->limit bytes; lines past it are dropped, the
/// transfer goes on). With NULL, headers are no longer handed to the program (libcurl's default).
CURLcode lr_easy_keep_headers(CURL *handle, lr_body_buffer *buffer);

/// Polled by libcurl while a transfer runs or waits (about once a second when idle, more often when
/// data flows); returning non-zero aborts the transfer with CURLE_ABORTED_BY_CALLBACK.
typedef int (*lr_abort_check)(void *context);

/// What a transfer asks whether to give up; owned by the caller, alive until the transfer ends.
typedef struct lr_abort_watch {
    lr_abort_check check;
    void *context;
} lr_abort_watch;

/// Makes the transfer ask `watch->check(watch->context)` whether to give up (e.g. on Ctrl-C).
CURLcode lr_easy_abort_when(CURL *handle, lr_abort_watch *watch);

CURLcode lr_easy_getinfo_long(CURL *handle, CURLINFO info, long *value);
CURLcode lr_easy_getinfo_off_t(CURL *handle, CURLINFO info, curl_off_t *value);
CURLcode lr_easy_getinfo_pointer(CURL *handle, CURLINFO info, void **value);

CURLMcode lr_multi_setopt_long(CURLM *multi, CURLMoption option, long value);

/// A curl loop's wait over several multi handles (event_loop.c): one epoll set holds the sockets of all of them,
/// and libcurl is driven through curl_multi_socket_action. Touched only on its loop's thread, but for
/// lr_event_loop_wake.
typedef struct lr_event_loop lr_event_loop;

/// Takes over the socket and timer callbacks of `multis` (`count` of them, alive until lr_event_loop_free); NULL
/// when the system gives no epoll or eventfd.
lr_event_loop *lr_event_loop_create(CURLM *const *multis, int count);
/// Frees the loop; its multi handles must be cleaned up first (closing their connections calls back into it).
void lr_event_loop_free(lr_event_loop *loop);

/// Tells `easy` to report the connection sockets it makes and closes to the loop (which keeps a connection's socket
/// in its epoll set between transfers, and must know when one is made or closed); call before the handle first joins
/// one of the loop's multi handles. Copies of the handle (curl_easy_duphandle) keep it.
void lr_event_loop_adopt(lr_event_loop *loop, CURL *easy);

/// Called on the loop's own thread before it first waits: names the thread in the kernel (`name`, at most 15
/// bytes are kept; Foundation on Linux does not pass `Thread.name` on, and top -H, perf and /proc/self/task/TID/comm
/// show this one), and makes its waits end at the nanosecond asked for, not up to Linux's default 50 µs timer slack
/// later (open-model arrivals are timed by the wait's timeout).
void lr_event_loop_thread_setup(const char *name);

/// Ends a wait now or the next one at once (any thread).
void lr_event_loop_wake(lr_event_loop *loop);

/// Nanoseconds until the earliest multi handle wants its timeout run (0 when due), -1 when none does.
int64_t lr_event_loop_curl_wait_ns(const lr_event_loop *loop);

/// Runs libcurl's timeouts that are due (new transfers start this way: adding a handle makes it due at once).
void lr_event_loop_run_timers(lr_event_loop *loop);

/// Waits up to `timeout_ns` (-1: no limit) for a socket, a wake-up or nothing, hands ready sockets and due timeouts
/// to libcurl, and returns the number of ready descriptors, the wake-up's included (0: the timeout passed). Without
/// epoll_pwait2 the timeout is rounded up to whole milliseconds.
int lr_event_loop_wait(lr_event_loop *loop, int64_t timeout_ns);

/// The next message of a multi handle libcurl ran on since its messages were last read, with that handle in
/// *multi; NULL when there is none left (the next call starts over).
CURLMsg *lr_event_loop_info_read(lr_event_loop *loop, CURLM **multi);

/// The version of the libcurl this process runs with, e.g. "7.88.1".
const char *lr_curl_version(void);

/// The same as a number, 0xXXYYZZ for version XX.YY.ZZ.
unsigned int lr_curl_version_number(void);

/// Gives every whole free page of the process's malloc arenas back to the system (glibc's malloc_trim): the loops'
/// arenas keep what their users' handles and connections freed at the load's end, and the results are built in
/// other threads' arenas.
void lr_give_back_freed_memory(void);

#endif
