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

/// A non-blocking, close-on-exec Linux timerfd on CLOCK_MONOTONIC, to end a curl_multi_poll at a microsecond
/// (an extra descriptor); -1 when the kernel gives none. (Swift's Glibc module does not import <sys/timerfd.h>.)
int lr_timer_create(void);

/// Arms timer `fd` to fire once, `micros` (> 0) from now, replacing any earlier setting; 0 on success, else -1.
int lr_timer_arm_micros(int fd, int64_t micros);

/// Names the calling thread in the kernel (at most 15 bytes are kept): Foundation on Linux does not pass
/// `Thread.name` on, and top -H, perf and /proc/self/task/TID/comm show this name.
void lr_thread_set_name(const char *name);

/// The version of the libcurl this process runs with, e.g. "7.88.1".
const char *lr_curl_version(void);

/// The same as a number, 0xXXYYZZ for version XX.YY.ZZ.
unsigned int lr_curl_version_number(void);

#endif
