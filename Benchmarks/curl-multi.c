/* curl-multi.c: the baseline LoadRunner is measured against - the fastest plain use of
 * libcurl's multi interface that a load generator could build on.
 *
 *   usage: curl-multi URL CONCURRENCY SECONDS [WARMUP_SECONDS]
 *
 * CONCURRENCY easy handles, each re-armed (removed and re-added) as soon as its transfer
 * completes, so every handle keeps one keep-alive connection busy: a closed model with no
 * think time, like LoadRunner's users. Bodies go to a callback that only counts bytes.
 * Requests that complete during the first WARMUP_SECONDS (default 0: connection setup, cache
 * warm-up) are not counted. Prints one JSON line; "rps" is requests / measured seconds.
 * A failure is a transfer error or an HTTP status >= 400. Build: cc -O2 -o curl-multi curl-multi.c -lcurl
 */
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now_seconds(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Discards the body; counting the bytes keeps the work a real client would do. */
static size_t discard(char *data, size_t size, size_t count, void *bytes) {
    (void)data;
    *(unsigned long long *)bytes += size * count;
    return size * count;
}

int main(int argc, char **argv) {
    if (argc < 4) {
        fprintf(stderr, "usage: %s URL CONCURRENCY SECONDS [WARMUP_SECONDS]\n", argv[0]);
        return 64;
    }
    const char *url = argv[1];
    long users = atol(argv[2]);
    double seconds = atof(argv[3]), warmup = argc > 4 ? atof(argv[4]) : 0;
    if (users < 1 || seconds <= 0 || warmup < 0) {
        fprintf(stderr, "curl-multi: CONCURRENCY must be >= 1, SECONDS > 0, WARMUP_SECONDS >= 0\n");
        return 64;
    }
    unsigned long long bytes = 0, requests = 0, failures = 0;
    curl_global_init(CURL_GLOBAL_DEFAULT);
    CURLM *multi = curl_multi_init();
    /* One cached connection per handle: the default cache (4x handles) would also do. */
    curl_multi_setopt(multi, CURLMOPT_MAXCONNECTS, users);
    for (long i = 0; i < users; i++) {
        CURL *easy = curl_easy_init();
        curl_easy_setopt(easy, CURLOPT_URL, url);
        curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, discard);
        curl_easy_setopt(easy, CURLOPT_WRITEDATA, &bytes);
        curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
        curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, 10000L);
        curl_multi_add_handle(multi, easy);
    }
    double start = now_seconds(), measure_from = start + warmup, end = measure_from + seconds;
    int running = 1;
    while (running) {
        curl_multi_perform(multi, &running);
        double t = now_seconds();
        if (t >= end) break; /* in-flight transfers at the deadline are not counted */
        CURLMsg *msg;
        int left;
        while ((msg = curl_multi_info_read(multi, &left))) {
            if (msg->msg != CURLMSG_DONE) continue;
            CURL *easy = msg->easy_handle;
            long status = 0;
            curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &status);
            if (t >= measure_from) {
                requests++;
                if (msg->data.result != CURLE_OK || status >= 400) failures++;
            }
            /* Re-arm: a removed-and-re-added handle reuses its cached keep-alive connection. */
            curl_multi_remove_handle(multi, easy);
            curl_multi_add_handle(multi, easy);
            running = 1;
        }
        curl_multi_poll(multi, NULL, 0, 100, NULL);
    }
    double measured = now_seconds() - measure_from;
    printf("{\"tool\":\"c-curl-multi\",\"concurrency\":%ld,\"seconds\":%.3f,\"requests\":%llu,"
           "\"failures\":%llu,\"rps\":%.1f}\n",
           users, measured, requests, failures, requests / measured);
    /* Handles are left to process exit: cleaning up 1000 connections is not part of the test. */
    return 0;
}
