// A curl loop's wait: one epoll set over the sockets of several multi handles, driven through
// curl_multi_socket_action, so a wake-up costs the sockets that are ready rather than a walk over every
// transfer (curl_multi_perform, curl_multi_poll), and each multi handle's connection cache stays small.
//
// A kept-alive connection's socket stays in the epoll set between its transfers ("parked"): libcurl asks to
// remove it when a transfer ends and to add it again when the next one starts on the same connection, which
// would cost two epoll_ctl calls per request. Only connection sockets park: the loop learns of each in libcurl's
// socket-option callback as it is made, and forgets it in the close callback (the kernel drops a closed
// descriptor from the set, and its number may come back for a new socket that must be added afresh). Other
// descriptors libcurl waits on (its resolver's) leave the set when libcurl no longer wants them, as they may be
// closed without a callback. A parked socket that becomes ready (the server closed it) is removed then.
#include "ccurl.h"
#include <errno.h>
#include <stdlib.h>
#include <sys/epoll.h>
#include <sys/prctl.h>
#include <sys/eventfd.h>
#include <time.h>
#include <unistd.h>

#define LR_WAKE_TAG UINT64_MAX
#define LR_EVENTS_PER_WAIT 256

typedef struct lr_multi_slot {
    struct lr_event_loop *loop;
    CURLM *multi;
    uint32_t index;
    int64_t deadline_ns; /* when libcurl wants CURL_SOCKET_TIMEOUT (CLOCK_MONOTONIC), -1 for never */
    int dirty;           /* libcurl ran on this handle since its messages were last read */
} lr_multi_slot;

/* What the epoll set holds for one descriptor number. */
typedef struct lr_socket_entry {
    int32_t slot;    /* the multi handle whose socket it is, -1 when the descriptor is not in the set */
    uint32_t events; /* the events asked for in the set */
    int parked;      /* libcurl no longer wants it: no transfer runs on its connection now */
    int connection;  /* a connection's socket, made and closed through the callbacks set by lr_event_loop_adopt */
} lr_socket_entry;

struct lr_event_loop {
    int epoll_fd;
    int wake_fd;
    int use_pwait2;
    int count;
    lr_multi_slot *slots;
    int next_dirty; /* where lr_event_loop_info_read goes on looking */
    lr_socket_entry *sockets; /* indexed by descriptor number */
    int socket_capacity;
};

static int64_t monotonic_ns(void) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (int64_t)now.tv_sec * 1000000000 + now.tv_nsec;
}

static int on_timer(CURLM *multi, long timeout_ms, void *userp) {
    (void)multi;
    lr_multi_slot *slot = userp;
    slot->deadline_ns = timeout_ms < 0 ? -1 : monotonic_ns() + (int64_t)timeout_ms * 1000000;
    return 0;
}

/* Reads the multi handle's next timeout afresh. libcurl calls the timer callback only when its earliest timeout
 * changes, and it reports whole milliseconds rounded down, so a timeout run a little early by that figure finds
 * nothing expired, keeps the same timer and says nothing: without this the timer would be lost. */
static void resync_deadline(lr_multi_slot *slot) {
    long timeout_ms = -1;
    curl_multi_timeout(slot->multi, &timeout_ms);
    slot->deadline_ns = timeout_ms < 0 ? -1 : monotonic_ns() + (int64_t)timeout_ms * 1000000;
}

/* The entry for descriptor `socket`, the table grown to hold it; NULL when memory runs out. */
static lr_socket_entry *socket_entry(lr_event_loop *loop, curl_socket_t socket) {
    if (socket < 0) return NULL;
    if (socket >= loop->socket_capacity) {
        int capacity = loop->socket_capacity > 0 ? loop->socket_capacity : 64;
        while (capacity <= socket) capacity *= 2;
        lr_socket_entry *grown = realloc(loop->sockets, (size_t)capacity * sizeof *grown);
        if (!grown) return NULL;
        for (int i = loop->socket_capacity; i < capacity; i++) grown[i] = (lr_socket_entry){.slot = -1};
        loop->sockets = grown;
        loop->socket_capacity = capacity;
    }
    return &loop->sockets[socket];
}

static int on_socket(CURL *easy, curl_socket_t socket, int what, void *userp, void *socketp) {
    (void)easy;
    (void)socketp;
    lr_multi_slot *slot = userp;
    lr_event_loop *loop = slot->loop;
    lr_socket_entry *entry = socket_entry(loop, socket);
    if (what == CURL_POLL_REMOVE) {
        if (entry && entry->connection) {
            entry->parked = 1; /* stays in the set until it is wanted again, closed, or turns ready */
        } else {
            epoll_ctl(loop->epoll_fd, EPOLL_CTL_DEL, socket, NULL);
            if (entry) *entry = (lr_socket_entry){.slot = -1};
        }
        return 0;
    }
    struct epoll_event event = {0};
    event.events = ((what & CURL_POLL_IN) ? EPOLLIN : 0) | ((what & CURL_POLL_OUT) ? EPOLLOUT : 0);
    event.data.u64 = ((uint64_t)slot->index << 32) | (uint32_t)socket;
    if (entry && entry->slot == (int32_t)slot->index && entry->events == event.events) {
        entry->parked = 0; /* already in the set, for these events: nothing to tell the kernel */
        return 0;
    }
    if (entry && entry->slot >= 0) {
        if (epoll_ctl(loop->epoll_fd, EPOLL_CTL_MOD, socket, &event) != 0 && errno == ENOENT)
            epoll_ctl(loop->epoll_fd, EPOLL_CTL_ADD, socket, &event);
    } else if (epoll_ctl(loop->epoll_fd, EPOLL_CTL_ADD, socket, &event) != 0 && errno == EEXIST) {
        epoll_ctl(loop->epoll_fd, EPOLL_CTL_MOD, socket, &event);
    }
    if (entry) {
        entry->slot = (int32_t)slot->index;
        entry->events = event.events;
        entry->parked = 0;
    }
    return 0;
}

/* libcurl made a socket for a connection: a new descriptor, whatever its number held before. */
static int on_new_socket(void *clientp, curl_socket_t socket, curlsocktype purpose) {
    lr_event_loop *loop = clientp;
    lr_socket_entry *entry = purpose == CURLSOCKTYPE_IPCXN ? socket_entry(loop, socket) : NULL;
    if (entry) *entry = (lr_socket_entry){.slot = -1, .connection = 1};
    return CURL_SOCKOPT_OK;
}

/* libcurl closes a socket: it leaves the epoll set with it, and its number may come back for a new socket. */
static int on_close_socket(void *clientp, curl_socket_t socket) {
    lr_event_loop *loop = clientp;
    if (socket >= 0 && socket < loop->socket_capacity) loop->sockets[socket] = (lr_socket_entry){.slot = -1};
    return close(socket);
}

void lr_event_loop_adopt(lr_event_loop *loop, CURL *easy) {
    /* Setting a callback only stores it: these cannot fail. */
    curl_easy_setopt(easy, CURLOPT_SOCKOPTFUNCTION, on_new_socket);
    curl_easy_setopt(easy, CURLOPT_SOCKOPTDATA, loop);
    curl_easy_setopt(easy, CURLOPT_CLOSESOCKETFUNCTION, on_close_socket);
    curl_easy_setopt(easy, CURLOPT_CLOSESOCKETDATA, loop);
}

lr_event_loop *lr_event_loop_create(CURLM *const *multis, int count) {
    lr_event_loop *loop = calloc(1, sizeof *loop);
    if (!loop) return NULL;
    loop->slots = calloc((size_t)count, sizeof *loop->slots);
    loop->epoll_fd = epoll_create1(EPOLL_CLOEXEC);
    loop->wake_fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    loop->use_pwait2 = 1;
    loop->count = count;
    if (!loop->slots || loop->epoll_fd < 0 || loop->wake_fd < 0) {
        lr_event_loop_free(loop);
        return NULL;
    }
    struct epoll_event wake = {.events = EPOLLIN, .data.u64 = LR_WAKE_TAG};
    if (epoll_ctl(loop->epoll_fd, EPOLL_CTL_ADD, loop->wake_fd, &wake) != 0) {
        lr_event_loop_free(loop);
        return NULL;
    }
    for (int i = 0; i < count; i++) {
        lr_multi_slot *slot = &loop->slots[i];
        slot->loop = loop;
        slot->multi = multis[i];
        slot->index = (uint32_t)i;
        slot->deadline_ns = -1;
        curl_multi_setopt(multis[i], CURLMOPT_SOCKETFUNCTION, on_socket);
        curl_multi_setopt(multis[i], CURLMOPT_SOCKETDATA, slot);
        curl_multi_setopt(multis[i], CURLMOPT_TIMERFUNCTION, on_timer);
        curl_multi_setopt(multis[i], CURLMOPT_TIMERDATA, slot);
    }
    return loop;
}

void lr_event_loop_free(lr_event_loop *loop) {
    if (!loop) return;
    if (loop->epoll_fd >= 0) close(loop->epoll_fd);
    if (loop->wake_fd >= 0) close(loop->wake_fd);
    free(loop->sockets);
    free(loop->slots);
    free(loop);
}

void lr_event_loop_thread_setup(const char *name) {
    prctl(PR_SET_NAME, name, 0UL, 0UL, 0UL);
    prctl(PR_SET_TIMERSLACK, 1UL, 0UL, 0UL, 0UL);
}

void lr_event_loop_wake(lr_event_loop *loop) {
    uint64_t one = 1;
    ssize_t written = write(loop->wake_fd, &one, sizeof one);
    (void)written; /* EAGAIN: the counter is already non-zero, the loop will wake */
}

int64_t lr_event_loop_curl_wait_ns(const lr_event_loop *loop) {
    int64_t earliest = -1;
    for (int i = 0; i < loop->count; i++) {
        int64_t deadline = loop->slots[i].deadline_ns;
        if (deadline >= 0 && (earliest < 0 || deadline < earliest)) earliest = deadline;
    }
    if (earliest < 0) return -1;
    int64_t wait = earliest - monotonic_ns();
    return wait > 0 ? wait : 0;
}

void lr_event_loop_run_timers(lr_event_loop *loop) {
    int64_t now = -1;
    int running = 0;
    for (int i = 0; i < loop->count; i++) {
        lr_multi_slot *slot = &loop->slots[i];
        if (slot->deadline_ns < 0) continue;
        if (now < 0) now = monotonic_ns();
        if (slot->deadline_ns > now) continue;
        slot->dirty = 1;
        curl_multi_socket_action(slot->multi, CURL_SOCKET_TIMEOUT, 0, &running);
        resync_deadline(slot);
    }
}

int lr_event_loop_wait(lr_event_loop *loop, int64_t timeout_ns) {
    struct epoll_event events[LR_EVENTS_PER_WAIT];
    int ready;
    if (timeout_ns < 0) {
        ready = epoll_wait(loop->epoll_fd, events, LR_EVENTS_PER_WAIT, -1);
    } else {
        ready = -1;
        if (loop->use_pwait2) {
            struct timespec timeout = {.tv_sec = timeout_ns / 1000000000, .tv_nsec = timeout_ns % 1000000000};
            ready = epoll_pwait2(loop->epoll_fd, events, LR_EVENTS_PER_WAIT, &timeout, NULL);
            if (ready < 0 && (errno == ENOSYS || errno == EPERM)) loop->use_pwait2 = 0;
        }
        if (!loop->use_pwait2) /* whole milliseconds, rounded up: never early */
            ready = epoll_wait(loop->epoll_fd, events, LR_EVENTS_PER_WAIT, (int)((timeout_ns + 999999) / 1000000));
    }
    if (ready < 0) ready = 0; /* EINTR */
    int running = 0;
    for (int i = 0; i < ready; i++) {
        uint64_t tag = events[i].data.u64;
        if (tag == LR_WAKE_TAG) {
            uint64_t count;
            ssize_t got = read(loop->wake_fd, &count, sizeof count);
            (void)got;
            continue;
        }
        uint32_t index = (uint32_t)(tag >> 32);
        if (index >= (uint32_t)loop->count) continue;
        curl_socket_t socket = (curl_socket_t)(uint32_t)tag;
        if (socket < loop->socket_capacity && loop->sockets[socket].parked) {
            /* No transfer wants it (the server closed an idle connection, say): out of the set, or it stays ready. */
            epoll_ctl(loop->epoll_fd, EPOLL_CTL_DEL, socket, NULL);
            loop->sockets[socket].slot = -1;
            loop->sockets[socket].parked = 0;
            continue;
        }
        lr_multi_slot *slot = &loop->slots[index];
        uint32_t flags = events[i].events;
        int mask = ((flags & EPOLLIN) ? CURL_CSELECT_IN : 0) | ((flags & EPOLLOUT) ? CURL_CSELECT_OUT : 0)
            | ((flags & (EPOLLERR | EPOLLHUP)) ? CURL_CSELECT_ERR : 0);
        slot->dirty = 1;
        curl_multi_socket_action(slot->multi, socket, mask, &running);
    }
    lr_event_loop_run_timers(loop);
    return ready;
}

CURLMsg *lr_event_loop_info_read(lr_event_loop *loop, CURLM **multi) {
    int remaining = 0;
    while (loop->next_dirty < loop->count) {
        lr_multi_slot *slot = &loop->slots[loop->next_dirty];
        if (slot->dirty) {
            CURLMsg *message = curl_multi_info_read(slot->multi, &remaining);
            if (message) {
                *multi = slot->multi;
                return message;
            }
            slot->dirty = 0;
        }
        loop->next_dirty++;
    }
    loop->next_dirty = 0;
    return NULL;
}
