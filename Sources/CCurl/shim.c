#include "ccurl.h"
#include <malloc.h>
#include <stdlib.h>
#include <string.h>

CURLcode lr_easy_setopt_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}

CURLcode lr_easy_setopt_string(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}

CURLcode lr_easy_setopt_pointer(CURL *handle, CURLoption option, void *value) {
    return curl_easy_setopt(handle, option, value);
}

CURLcode lr_easy_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value) {
    return curl_easy_setopt(handle, option, value);
}

static size_t count_body(char *data, size_t size, size_t count, void *counter) {
    (void)data;
    size_t bytes = size * count;
    *(uint64_t *)counter += bytes;
    return bytes;
}

CURLcode lr_easy_count_body(CURL *handle, uint64_t *counter) {
    CURLcode code = curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, count_body);
    if (code != CURLE_OK) return code;
    return curl_easy_setopt(handle, CURLOPT_WRITEDATA, (void *)counter);
}

static size_t capture_body(char *data, size_t size, size_t count, void *userdata) {
    lr_body_buffer *buffer = userdata;
    size_t bytes = size * count;
    curl_off_t announced = -1;
    if (buffer->capacity == 0 && buffer->handle)
        curl_easy_getinfo(buffer->handle, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &announced);
    if (announced > 0 && (curl_off_t)buffer->limit < announced) {
        buffer->refused = (size_t)announced;
        return 0; /* makes libcurl fail with CURLE_WRITE_ERROR */
    }
    if (buffer->length + bytes > buffer->limit) {
        buffer->refused = buffer->length + bytes;
        return 0;
    }
    if (buffer->length + bytes > buffer->capacity) {
        /* One allocation when the size is announced; doubling (realloc moves pages, no copy) otherwise. */
        size_t capacity = buffer->capacity ? buffer->capacity : (announced >= (curl_off_t)bytes ? (size_t)announced : 64 * 1024);
        while (capacity < buffer->length + bytes) capacity *= 2;
        char *grown = realloc(buffer->bytes, capacity);
        if (!grown) return 0;
        buffer->bytes = grown;
        buffer->capacity = capacity;
    }
    memcpy(buffer->bytes + buffer->length, data, bytes);
    buffer->length += bytes;
    return bytes;
}

static size_t keep_header(char *data, size_t size, size_t count, void *userdata) {
    lr_body_buffer *buffer = userdata;
    size_t bytes = size * count;
    if (buffer->length + bytes > buffer->limit) {
        buffer->refused = buffer->length + bytes;
        return bytes; /* an oversized header block is cut short, not a failed transfer */
    }
    if (buffer->length + bytes > buffer->capacity) {
        size_t capacity = buffer->capacity ? buffer->capacity : 1024;
        while (capacity < buffer->length + bytes) capacity *= 2;
        char *grown = realloc(buffer->bytes, capacity);
        if (!grown) return 0;
        buffer->bytes = grown;
        buffer->capacity = capacity;
    }
    memcpy(buffer->bytes + buffer->length, data, bytes);
    buffer->length += bytes;
    return bytes;
}

CURLcode lr_easy_keep_headers(CURL *handle, lr_body_buffer *buffer) {
    CURLcode code = curl_easy_setopt(handle, CURLOPT_HEADERFUNCTION, buffer ? keep_header : NULL);
    if (code != CURLE_OK) return code;
    return curl_easy_setopt(handle, CURLOPT_HEADERDATA, (void *)buffer);
}

CURLcode lr_easy_capture_body(CURL *handle, lr_body_buffer *buffer) {
    buffer->handle = handle;
    CURLcode code = curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, capture_body);
    if (code != CURLE_OK) return code;
    return curl_easy_setopt(handle, CURLOPT_WRITEDATA, (void *)buffer);
}

static int check_abort(void *userdata, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal, curl_off_t ulnow) {
    (void)dltotal; (void)dlnow; (void)ultotal; (void)ulnow;
    lr_abort_watch *watch = userdata;
    return watch->check(watch->context);
}

CURLcode lr_easy_abort_when(CURL *handle, lr_abort_watch *watch) {
    CURLcode code = curl_easy_setopt(handle, CURLOPT_XFERINFOFUNCTION, check_abort);
    if (code != CURLE_OK) return code;
    code = curl_easy_setopt(handle, CURLOPT_XFERINFODATA, (void *)watch);
    if (code != CURLE_OK) return code;
    return curl_easy_setopt(handle, CURLOPT_NOPROGRESS, 0L);
}

void lr_body_buffer_free(lr_body_buffer *buffer) {
    free(buffer->bytes);
    buffer->bytes = NULL;
    buffer->length = 0;
    buffer->capacity = 0;
}

CURLcode lr_easy_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return curl_easy_getinfo(handle, info, value);
}

CURLcode lr_easy_getinfo_off_t(CURL *handle, CURLINFO info, curl_off_t *value) {
    return curl_easy_getinfo(handle, info, value);
}

CURLcode lr_easy_getinfo_pointer(CURL *handle, CURLINFO info, void **value) {
    return curl_easy_getinfo(handle, info, value);
}

CURLMcode lr_multi_setopt_long(CURLM *multi, CURLMoption option, long value) {
    return curl_multi_setopt(multi, option, value);
}

const char *lr_curl_version(void) {
    return curl_version_info(CURLVERSION_NOW)->version;
}

unsigned int lr_curl_version_number(void) {
    return curl_version_info(CURLVERSION_NOW)->version_num;
}

void lr_give_back_freed_memory(void) {
    malloc_trim(0);
}
