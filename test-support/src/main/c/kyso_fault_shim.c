/*
 * Kyso fault-injection PKCS#11 shim, for tests only. See kyso_fault_shim.h for the control API.
 *
 * Every PKCS#11 v2.40 entry point counts the call, applies the injected delay and failure, then
 * forwards to the target module. Session handles are the shim's own (mapped to the target's),
 * because SoftHSM2 reuses freed handle numbers: a session that died with its token must stay
 * invalid even after the target hands its number to a new session.
 *
 * Locking: `lock` guards all shim state and is never held while calling into the target or while
 * sleeping; `lifecycle` serialises C_Initialize/C_Finalize, which do call into the target.
 */
#define _POSIX_C_SOURCE 200809L

#include <dlfcn.h>
#include <errno.h>
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <p11-kit/pkcs11.h>

#include "kyso_fault_shim.h"

/* All v2.40 functions, in CK_FUNCTION_LIST order. */
#define SHIM_FUNCTIONS(X) \
    X(C_Initialize) X(C_Finalize) X(C_GetInfo) X(C_GetFunctionList) \
    X(C_GetSlotList) X(C_GetSlotInfo) X(C_GetTokenInfo) X(C_GetMechanismList) \
    X(C_GetMechanismInfo) X(C_InitToken) X(C_InitPIN) X(C_SetPIN) \
    X(C_OpenSession) X(C_CloseSession) X(C_CloseAllSessions) X(C_GetSessionInfo) \
    X(C_GetOperationState) X(C_SetOperationState) X(C_Login) X(C_Logout) \
    X(C_CreateObject) X(C_CopyObject) X(C_DestroyObject) X(C_GetObjectSize) \
    X(C_GetAttributeValue) X(C_SetAttributeValue) X(C_FindObjectsInit) X(C_FindObjects) \
    X(C_FindObjectsFinal) X(C_EncryptInit) X(C_Encrypt) X(C_EncryptUpdate) \
    X(C_EncryptFinal) X(C_DecryptInit) X(C_Decrypt) X(C_DecryptUpdate) \
    X(C_DecryptFinal) X(C_DigestInit) X(C_Digest) X(C_DigestUpdate) \
    X(C_DigestKey) X(C_DigestFinal) X(C_SignInit) X(C_Sign) \
    X(C_SignUpdate) X(C_SignFinal) X(C_SignRecoverInit) X(C_SignRecover) \
    X(C_VerifyInit) X(C_Verify) X(C_VerifyUpdate) X(C_VerifyFinal) \
    X(C_VerifyRecoverInit) X(C_VerifyRecover) X(C_DigestEncryptUpdate) X(C_DecryptDigestUpdate) \
    X(C_SignEncryptUpdate) X(C_DecryptVerifyUpdate) X(C_GenerateKey) X(C_GenerateKeyPair) \
    X(C_WrapKey) X(C_UnwrapKey) X(C_DeriveKey) X(C_SeedRandom) \
    X(C_GenerateRandom) X(C_GetFunctionStatus) X(C_CancelFunction) X(C_WaitForSlotEvent)

#define AS_ENUM(name) FN_##name,
#define AS_NAME(name) #name,
enum fn_id { SHIM_FUNCTIONS(AS_ENUM) FN_COUNT };
static const char *const fn_names[FN_COUNT] = { SHIM_FUNCTIONS(AS_NAME) };

/* A function missing from the list above would leave a NULL in the function list. */
_Static_assert(sizeof(CK_FUNCTION_LIST)
               == offsetof(CK_FUNCTION_LIST, C_Initialize) + FN_COUNT * sizeof(CK_C_Initialize),
               "SHIM_FUNCTIONS must name every CK_FUNCTION_LIST entry");

static const char *const default_targets[] = {
    "/usr/lib/softhsm/libsofthsm2.so",
    "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so",
};

struct fn_state {
    unsigned long calls;
    long fail_left;             /* < 0: fail every call */
    CK_RV fail_rv;
    int delay_ms;
};

struct slot_state {
    CK_SLOT_ID id;
    int present;                /* token in the reader */
    int listed;                 /* reader attached */
    unsigned long epoch;        /* bumped on each removal; older sessions are stale */
    int pin_own;                /* pin_max set for this slot, not inherited from the global one */
    int pin_max;                /* 0: no retry counter */
    int pin_left;
    CK_FLAGS forced_flags;
};

struct session {
    CK_SESSION_HANDLE handle;   /* what the caller sees */
    CK_SESSION_HANDLE target;
    CK_SLOT_ID slot;
    unsigned long epoch;        /* the slot's epoch when the session was opened */
};

struct handles {
    CK_SESSION_HANDLE *v;
    size_t n, cap;
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t slot_event = PTHREAD_COND_INITIALIZER;
static pthread_mutex_t lifecycle = PTHREAD_MUTEX_INITIALIZER;

static CK_FUNCTION_LIST_PTR target;         /* loaded once, never unloaded */
static char target_path[4096];
static int initialized;
static unsigned long init_generation;       /* tells a woken waiter that C_Finalize ran */
static int target_owned;                    /* we initialised the target, so we finalise it */

static struct fn_state fns[FN_COUNT];
static int global_pin_max;
static CK_FLAGS global_forced_flags;
static int wait_unsupported;
static CK_UTF8CHAR pinpad_pin[256];
static int corrupt_signatures_left;     /* guarded by lock */
static CK_ULONG pinpad_len;
static int pinpad_set;

static struct slot_state *slots;
static size_t n_slots, cap_slots;
static struct session *sessions;
static size_t n_sessions, cap_sessions;
static CK_SESSION_HANDLE next_handle = 1;
static CK_SLOT_ID *events;                  /* slots with a pending event, oldest first */
static size_t n_events, cap_events;

static CK_FUNCTION_LIST shim_functions;

/* ---- helpers; unless noted, callers hold `lock` ---- */

static void *grow(void *array, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return array;
    size_t n = *cap ? *cap * 2 : 8;
    while (n < need)
        n *= 2;
    void *p = realloc(array, n * size);
    if (!p) {
        fputs("kyso-fault-shim: out of memory\n", stderr);
        abort();
    }
    *cap = n;
    return p;
}

static int fn_lookup(const char *name)
{
    for (int i = 0; name && i < FN_COUNT; i++)
        if (strcmp(fn_names[i], name) == 0)
            return i;
    return -1;
}

static struct slot_state *slot_find(CK_SLOT_ID id)
{
    for (size_t i = 0; i < n_slots; i++)
        if (slots[i].id == id)
            return &slots[i];
    return NULL;
}

/* May move the slot table: do not keep a slot pointer across calls. */
static struct slot_state *slot_get(CK_SLOT_ID id)
{
    struct slot_state *s = slot_find(id);
    if (s)
        return s;
    slots = grow(slots, &cap_slots, n_slots + 1, sizeof *slots);
    s = &slots[n_slots++];
    *s = (struct slot_state){ .id = id, .present = 1, .listed = 1,
                              .pin_max = global_pin_max, .pin_left = global_pin_max };
    return s;
}

static int token_in(const struct slot_state *s)
{
    return s->present && s->listed;
}

static struct session *session_find(CK_SESSION_HANDLE handle)
{
    for (size_t i = 0; i < n_sessions; i++)
        if (sessions[i].handle == handle)
            return &sessions[i];
    return NULL;
}

/* Unlinks the sessions on `slot` (on every slot if all_slots; with stale_only just those opened
 * before their token's last removal) and collects their target handles, for the caller to close
 * with release_target_sessions() once it has dropped the lock. */
static void take_sessions(struct handles *out, CK_SLOT_ID slot, int all_slots, int stale_only)
{
    for (size_t i = 0; i < n_sessions;) {
        struct session *s = &sessions[i];
        const struct slot_state *sl = slot_find(s->slot);
        int stale = !sl || s->epoch != sl->epoch;
        if ((all_slots || s->slot == slot) && (!stale_only || stale)) {
            out->v = grow(out->v, &out->cap, out->n + 1, sizeof *out->v);
            out->v[out->n++] = s->target;
            *s = sessions[--n_sessions];
        } else {
            i++;
        }
    }
}

/* Without `lock`. */
static void release_target_sessions(struct handles *h)
{
    for (size_t i = 0; i < h->n; i++)
        target->C_CloseSession(h->v[i]);
    free(h->v);
    *h = (struct handles){ 0 };
}

static void queue_event(CK_SLOT_ID id)
{
    for (size_t i = 0; i < n_events; i++)
        if (events[i] == id)
            return;
    events = grow(events, &cap_events, n_events + 1, sizeof *events);
    events[n_events++] = id;
    pthread_cond_broadcast(&slot_event);
}

/* Applies a change of the slot's presence; a re-inserted token's old sessions go to `stale`. */
static void set_presence(CK_SLOT_ID id, int present, int listed, struct handles *stale)
{
    struct slot_state *s = slot_get(id);
    int was_in = token_in(s);
    s->present = present;
    s->listed = listed;
    if (was_in == token_in(s))
        return;
    if (was_in)
        s->epoch++;
    else
        take_sessions(stale, id, 0, 1);
    queue_event(id);
}

static void pin_restart(struct slot_state *s, int max)
{
    s->pin_max = max > 0 ? max : 0;
    s->pin_left = s->pin_max;
}

/* Without `lock`. */
static void sleep_ms(int ms)
{
    struct timespec t = { .tv_sec = ms / 1000, .tv_nsec = (long)(ms % 1000) * 1000000L };
    while (nanosleep(&t, &t) != 0 && errno == EINTR)
        ;
}

/* ---- what every entry point does first; called without `lock` ---- */

/* Counts the call, sleeps the injected delay, then answers the injected failure (*injected = 1)
 * or CKR_CRYPTOKI_NOT_INITIALIZED, or CKR_OK to go on. */
static CK_RV enter(enum fn_id fn, int *injected)
{
    pthread_mutex_lock(&lock);
    struct fn_state *f = &fns[fn];
    f->calls++;
    int delay = f->delay_ms;
    CK_RV rv = CKR_OK;
    *injected = 0;
    if (!initialized && fn != FN_C_Initialize && fn != FN_C_GetFunctionList) {
        rv = CKR_CRYPTOKI_NOT_INITIALIZED;
    } else if (f->fail_left != 0) {
        if (f->fail_left > 0)
            f->fail_left--;
        rv = f->fail_rv;
        *injected = 1;
    }
    pthread_mutex_unlock(&lock);
    if (delay > 0)
        sleep_ms(delay);
    return rv;
}

static CK_RV enter_plain(enum fn_id fn)
{
    int injected;
    return enter(fn, &injected);
}

/* For functions about a slot's token: CKR_SLOT_ID_INVALID without a reader,
 * CKR_TOKEN_NOT_PRESENT without a token. */
static CK_RV enter_slot(enum fn_id fn, CK_SLOT_ID id, unsigned long *epoch)
{
    CK_RV rv = enter_plain(fn);
    if (rv != CKR_OK)
        return rv;
    pthread_mutex_lock(&lock);
    const struct slot_state *s = slot_get(id);
    rv = !s->listed ? CKR_SLOT_ID_INVALID : !s->present ? CKR_TOKEN_NOT_PRESENT : CKR_OK;
    if (epoch)
        *epoch = s->epoch;
    pthread_mutex_unlock(&lock);
    return rv;
}

/* A failed call ends the session's active operation on a real token (PKCS#11 v2.40, 5.2), but an
 * injected failure never reached the target, whose operation would stay active and turn the
 * caller's next *Init into CKR_OPERATION_ACTIVE. A single-part call with throwaway buffers ends
 * it there: SoftHSM2 ends the operation on every such call that passes its argument checks,
 * whether it succeeds or not. */
static void end_target_operation(enum fn_id fn, CK_SESSION_HANDLE th)
{
    CK_BYTE in[1] = { 0 };
    CK_BYTE out[16384];
    CK_ULONG out_len = sizeof out;
    switch (fn) {
    case FN_C_Encrypt: case FN_C_EncryptUpdate: case FN_C_EncryptFinal:
        target->C_Encrypt(th, in, sizeof in, out, &out_len);
        break;
    case FN_C_Decrypt: case FN_C_DecryptUpdate: case FN_C_DecryptFinal:
        target->C_Decrypt(th, in, sizeof in, out, &out_len);
        break;
    case FN_C_Digest: case FN_C_DigestUpdate: case FN_C_DigestKey: case FN_C_DigestFinal:
        target->C_Digest(th, in, sizeof in, out, &out_len);
        break;
    case FN_C_Sign: case FN_C_SignUpdate: case FN_C_SignFinal:
        target->C_Sign(th, in, sizeof in, out, &out_len);
        break;
    case FN_C_Verify: case FN_C_VerifyUpdate: case FN_C_VerifyFinal:
        target->C_Verify(th, in, sizeof in, out, 0);
        break;
    default:
        break;
    }
}

/* For functions on a session: maps the caller's handle to the target's. Sessions of a token that
 * is out answer CKR_DEVICE_REMOVED; unknown ones (closed, or dropped when their token came back)
 * CKR_SESSION_HANDLE_INVALID. */
static CK_RV enter_session(enum fn_id fn, CK_SESSION_HANDLE handle, CK_SESSION_HANDLE *th,
                           CK_SLOT_ID *slot)
{
    int injected;
    CK_RV rv = enter(fn, &injected);
    if (rv != CKR_OK && !injected)
        return rv;
    CK_RV state = CKR_SESSION_HANDLE_INVALID;
    pthread_mutex_lock(&lock);
    const struct session *s = session_find(handle);
    if (s) {
        const struct slot_state *sl = slot_get(s->slot);
        if (!token_in(sl)) {
            state = CKR_DEVICE_REMOVED;
        } else if (s->epoch == sl->epoch) {
            state = CKR_OK;
            *th = s->target;
            if (slot)
                *slot = s->slot;
        }
    }
    pthread_mutex_unlock(&lock);
    if (injected) {
        if (state == CKR_OK)
            end_target_operation(fn, *th);
        return rv;
    }
    return state;
}

/* ---- module ---- */

/* Under `lifecycle`. */
static CK_RV load_target(void)
{
    if (target)
        return CKR_OK;
    char path[sizeof target_path] = "";
    const char *env = getenv("KYSO_SHIM_TARGET");
    if (env && *env) {
        snprintf(path, sizeof path, "%s", env);
    } else {
        pthread_mutex_lock(&lock);
        memcpy(path, target_path, sizeof path);
        pthread_mutex_unlock(&lock);
        for (size_t i = 0; !*path && i < sizeof default_targets / sizeof *default_targets; i++)
            if (access(default_targets[i], F_OK) == 0)
                snprintf(path, sizeof path, "%s", default_targets[i]);
    }
    if (!*path) {
        fputs("kyso-fault-shim: no target module; set KYSO_SHIM_TARGET\n", stderr);
        return CKR_GENERAL_ERROR;
    }
    void *lib = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (!lib) {
        fprintf(stderr, "kyso-fault-shim: cannot load %s: %s\n", path, dlerror());
        return CKR_GENERAL_ERROR;
    }
    CK_C_GetFunctionList get = (CK_C_GetFunctionList)dlsym(lib, "C_GetFunctionList");
    CK_FUNCTION_LIST_PTR list = NULL;
    if (!get || get(&list) != CKR_OK || !list || list == &shim_functions) {
        fprintf(stderr, "kyso-fault-shim: %s is not a PKCS#11 module the shim can wrap\n", path);
        dlclose(lib);
        return CKR_GENERAL_ERROR;
    }
    pthread_mutex_lock(&lock);
    target = list;
    pthread_mutex_unlock(&lock);
    return CKR_OK;
}

static CK_RV shim_C_Initialize(CK_VOID_PTR pInitArgs)
{
    CK_RV rv = enter_plain(FN_C_Initialize);
    if (rv != CKR_OK)
        return rv;
    pthread_mutex_lock(&lifecycle);
    rv = initialized ? CKR_CRYPTOKI_ALREADY_INITIALIZED : load_target();
    if (rv == CKR_OK) {
        rv = target->C_Initialize(pInitArgs);
        /* Someone else in this process initialised the target: share it and leave it to them. */
        int owned = rv == CKR_OK;
        if (rv == CKR_CRYPTOKI_ALREADY_INITIALIZED)
            rv = CKR_OK;
        if (rv == CKR_OK) {
            pthread_mutex_lock(&lock);
            initialized = 1;
            target_owned = owned;
            n_events = 0;
            pthread_mutex_unlock(&lock);
        }
    }
    pthread_mutex_unlock(&lifecycle);
    return rv;
}

static CK_RV shim_C_Finalize(CK_VOID_PTR pReserved)
{
    CK_RV rv = enter_plain(FN_C_Finalize);
    if (rv != CKR_OK)
        return rv;
    if (pReserved)
        return CKR_ARGUMENTS_BAD;
    pthread_mutex_lock(&lifecycle);
    struct handles open = { 0 };
    pthread_mutex_lock(&lock);
    if (!initialized) {
        rv = CKR_CRYPTOKI_NOT_INITIALIZED;
    } else {
        initialized = 0;
        init_generation++;
        take_sessions(&open, 0, 1, 0);
        pthread_cond_broadcast(&slot_event);    /* a blocked C_WaitForSlotEvent must return */
    }
    int owned = target_owned;
    pthread_mutex_unlock(&lock);
    if (rv == CKR_OK) {
        if (owned) {
            free(open.v);                       /* C_Finalize closes them */
            rv = target->C_Finalize(NULL);
        } else {
            release_target_sessions(&open);     /* the target lives on: do not leak into it */
        }
    }
    pthread_mutex_unlock(&lifecycle);
    return rv;
}

static CK_RV shim_C_GetInfo(CK_INFO_PTR pInfo)
{
    CK_RV rv = enter_plain(FN_C_GetInfo);
    return rv != CKR_OK ? rv : target->C_GetInfo(pInfo);
}

static CK_RV shim_C_GetFunctionList(CK_FUNCTION_LIST_PTR_PTR ppFunctionList)
{
    CK_RV rv = enter_plain(FN_C_GetFunctionList);
    if (rv != CKR_OK)
        return rv;
    if (!ppFunctionList)
        return CKR_ARGUMENTS_BAD;
    *ppFunctionList = &shim_functions;
    return CKR_OK;
}

KYSO_SHIM_API CK_RV C_GetFunctionList(CK_FUNCTION_LIST_PTR_PTR ppFunctionList)
{
    return shim_C_GetFunctionList(ppFunctionList);
}

/* ---- slots and tokens ---- */

static CK_RV shim_C_GetSlotList(CK_BBOOL tokenPresent, CK_SLOT_ID_PTR pSlotList,
                                CK_ULONG_PTR pulCount)
{
    CK_RV rv = enter_plain(FN_C_GetSlotList);
    if (rv != CKR_OK)
        return rv;
    if (!pulCount)
        return CKR_ARGUMENTS_BAD;
    CK_SLOT_ID *all = NULL;
    CK_ULONG n = 0;
    do {    /* the target's list may grow between the two calls */
        rv = target->C_GetSlotList(tokenPresent, NULL, &n);
        if (rv != CKR_OK)
            break;
        CK_SLOT_ID *bigger = realloc(all, (n ? n : 1) * sizeof *all);
        if (!bigger) {
            rv = CKR_HOST_MEMORY;
            break;
        }
        all = bigger;
        rv = target->C_GetSlotList(tokenPresent, all, &n);
    } while (rv == CKR_BUFFER_TOO_SMALL);
    if (rv != CKR_OK) {
        free(all);
        return rv;
    }

    CK_ULONG kept = 0;
    pthread_mutex_lock(&lock);
    for (CK_ULONG i = 0; i < n; i++) {
        const struct slot_state *s = slot_get(all[i]);
        if (s->listed && (!tokenPresent || s->present))
            all[kept++] = all[i];
    }
    pthread_mutex_unlock(&lock);

    if (pSlotList && *pulCount < kept)
        rv = CKR_BUFFER_TOO_SMALL;
    else if (pSlotList)
        memcpy(pSlotList, all, kept * sizeof *all);
    *pulCount = kept;
    free(all);
    return rv;
}

static CK_RV shim_C_GetSlotInfo(CK_SLOT_ID slotID, CK_SLOT_INFO_PTR pInfo)
{
    CK_RV rv = enter_plain(FN_C_GetSlotInfo);
    if (rv != CKR_OK)
        return rv;
    pthread_mutex_lock(&lock);
    const struct slot_state *s = slot_get(slotID);
    int listed = s->listed, present = s->present;
    pthread_mutex_unlock(&lock);
    if (!listed)
        return CKR_SLOT_ID_INVALID;
    rv = target->C_GetSlotInfo(slotID, pInfo);
    if (rv == CKR_OK) {
        /* Every slot can lose its token, as with USB tokens. */
        pInfo->flags |= CKF_REMOVABLE_DEVICE;
        if (!present)
            pInfo->flags &= ~CKF_TOKEN_PRESENT;
    }
    return rv;
}

static CK_RV shim_C_GetTokenInfo(CK_SLOT_ID slotID, CK_TOKEN_INFO_PTR pInfo)
{
    CK_RV rv = enter_slot(FN_C_GetTokenInfo, slotID, NULL);
    if (rv != CKR_OK)
        return rv;
    rv = target->C_GetTokenInfo(slotID, pInfo);
    if (rv != CKR_OK)
        return rv;
    pthread_mutex_lock(&lock);
    const struct slot_state *s = slot_get(slotID);
    int max = s->pin_max, left = s->pin_left;
    CK_FLAGS forced = s->forced_flags | global_forced_flags;
    pthread_mutex_unlock(&lock);
    if (max > 0) {
        pInfo->flags &= ~(CKF_USER_PIN_COUNT_LOW | CKF_USER_PIN_FINAL_TRY | CKF_USER_PIN_LOCKED);
        if (left < max)
            pInfo->flags |= CKF_USER_PIN_COUNT_LOW;
        if (left == 1)
            pInfo->flags |= CKF_USER_PIN_FINAL_TRY;
        if (left == 0)
            pInfo->flags |= CKF_USER_PIN_LOCKED;
    }
    pInfo->flags |= forced;
    return CKR_OK;
}

static CK_RV shim_C_GetMechanismList(CK_SLOT_ID slotID, CK_MECHANISM_TYPE_PTR pMechanismList,
                                     CK_ULONG_PTR pulCount)
{
    CK_RV rv = enter_slot(FN_C_GetMechanismList, slotID, NULL);
    return rv != CKR_OK ? rv : target->C_GetMechanismList(slotID, pMechanismList, pulCount);
}

static CK_RV shim_C_GetMechanismInfo(CK_SLOT_ID slotID, CK_MECHANISM_TYPE type,
                                     CK_MECHANISM_INFO_PTR pInfo)
{
    CK_RV rv = enter_slot(FN_C_GetMechanismInfo, slotID, NULL);
    return rv != CKR_OK ? rv : target->C_GetMechanismInfo(slotID, type, pInfo);
}

static CK_RV shim_C_InitToken(CK_SLOT_ID slotID, CK_UTF8CHAR_PTR pPin, CK_ULONG ulPinLen,
                              CK_UTF8CHAR_PTR pLabel)
{
    CK_RV rv = enter_slot(FN_C_InitToken, slotID, NULL);
    if (rv != CKR_OK)
        return rv;
    rv = target->C_InitToken(slotID, pPin, ulPinLen, pLabel);
    if (rv == CKR_OK) {     /* a fresh token has a fresh user PIN */
        pthread_mutex_lock(&lock);
        struct slot_state *s = slot_get(slotID);
        s->pin_left = s->pin_max;
        pthread_mutex_unlock(&lock);
    }
    return rv;
}

static CK_RV shim_C_WaitForSlotEvent(CK_FLAGS flags, CK_SLOT_ID_PTR pSlot, CK_VOID_PTR pReserved)
{
    CK_RV rv = enter_plain(FN_C_WaitForSlotEvent);
    if (rv != CKR_OK)
        return rv;
    if (!pSlot || pReserved)
        return CKR_ARGUMENTS_BAD;
    pthread_mutex_lock(&lock);
    unsigned long generation = init_generation;
    for (;;) {
        if (!initialized || init_generation != generation) {
            rv = CKR_CRYPTOKI_NOT_INITIALIZED;
        } else if (wait_unsupported) {
            rv = CKR_FUNCTION_NOT_SUPPORTED;
        } else if (n_events > 0) {
            *pSlot = events[0];
            memmove(events, events + 1, --n_events * sizeof *events);
            rv = CKR_OK;
        } else if (flags & CKF_DONT_BLOCK) {
            rv = CKR_NO_EVENT;
        } else {
            pthread_cond_wait(&slot_event, &lock);
            continue;
        }
        break;
    }
    pthread_mutex_unlock(&lock);
    return rv;
}

/* ---- sessions ---- */

static CK_RV shim_C_OpenSession(CK_SLOT_ID slotID, CK_FLAGS flags, CK_VOID_PTR pApplication,
                                CK_NOTIFY Notify, CK_SESSION_HANDLE_PTR phSession)
{
    unsigned long epoch;
    CK_RV rv = enter_slot(FN_C_OpenSession, slotID, &epoch);
    if (rv != CKR_OK)
        return rv;
    if (!phSession)
        return CKR_ARGUMENTS_BAD;
    /* Notify gets the target's handle; SoftHSM2 never calls it. */
    CK_SESSION_HANDLE th;
    rv = target->C_OpenSession(slotID, flags, pApplication, Notify, &th);
    if (rv != CKR_OK)
        return rv;
    pthread_mutex_lock(&lock);
    const struct slot_state *s = slot_get(slotID);
    int still_in = token_in(s) && s->epoch == epoch;
    if (still_in) {
        sessions = grow(sessions, &cap_sessions, n_sessions + 1, sizeof *sessions);
        sessions[n_sessions++] = (struct session){ .handle = next_handle, .target = th,
                                                   .slot = slotID, .epoch = epoch };
        *phSession = next_handle++;
    }
    pthread_mutex_unlock(&lock);
    if (!still_in) {        /* the token went away while the target opened the session */
        target->C_CloseSession(th);
        return CKR_DEVICE_REMOVED;
    }
    return CKR_OK;
}

/* Closing a session of a removed token frees it but still answers CKR_DEVICE_REMOVED. */
static CK_RV shim_C_CloseSession(CK_SESSION_HANDLE hSession)
{
    CK_RV rv = enter_plain(FN_C_CloseSession);
    if (rv != CKR_OK)
        return rv;
    CK_SESSION_HANDLE th = 0;
    pthread_mutex_lock(&lock);
    struct session *s = session_find(hSession);
    if (s) {
        const struct slot_state *sl = slot_get(s->slot);
        rv = !token_in(sl) ? CKR_DEVICE_REMOVED
           : s->epoch != sl->epoch ? CKR_SESSION_HANDLE_INVALID : CKR_OK;
        th = s->target;
        /* Unlinked before the target call, so a concurrent re-insertion cannot close it twice. */
        *s = sessions[--n_sessions];
    }
    pthread_mutex_unlock(&lock);
    if (!s)
        return CKR_SESSION_HANDLE_INVALID;
    CK_RV closed = target->C_CloseSession(th);
    return rv == CKR_OK ? closed : rv;
}

/* Closes only the sessions opened through the shim, one by one; with the token out they are freed
 * and the answer is CKR_TOKEN_NOT_PRESENT. */
static CK_RV shim_C_CloseAllSessions(CK_SLOT_ID slotID)
{
    CK_RV rv = enter_plain(FN_C_CloseAllSessions);
    if (rv != CKR_OK)
        return rv;
    struct handles open = { 0 };
    pthread_mutex_lock(&lock);
    const struct slot_state *s = slot_get(slotID);
    rv = !s->listed ? CKR_SLOT_ID_INVALID : !s->present ? CKR_TOKEN_NOT_PRESENT : CKR_OK;
    take_sessions(&open, slotID, 0, 0);
    pthread_mutex_unlock(&lock);
    release_target_sessions(&open);
    return rv;
}

static CK_RV shim_C_Login(CK_SESSION_HANDLE hSession, CK_USER_TYPE userType, CK_UTF8CHAR_PTR pPin,
                          CK_ULONG ulPinLen)
{
    CK_SESSION_HANDLE th;
    CK_SLOT_ID slot;
    CK_RV rv = enter_session(FN_C_Login, hSession, &th, &slot);
    if (rv != CKR_OK)
        return rv;
    /* The retry counter guards the user PIN; SO logins pass untouched. */
    int counted = userType == CKU_USER || userType == CKU_CONTEXT_SPECIFIC;
    CK_UTF8CHAR typed[sizeof pinpad_pin];
    pthread_mutex_lock(&lock);
    const struct slot_state *s = slot_get(slot);
    int locked = counted && s->pin_max > 0 && s->pin_left == 0;
    if (!pPin && pinpad_set) {
        memcpy(typed, pinpad_pin, pinpad_len);
        pPin = typed;
        ulPinLen = pinpad_len;
    }
    pthread_mutex_unlock(&lock);
    if (locked)
        return CKR_PIN_LOCKED;

    rv = target->C_Login(th, userType, pPin, ulPinLen);

    if (counted) {
        pthread_mutex_lock(&lock);
        struct slot_state *t = slot_get(slot);
        if (t->pin_max > 0 && rv == CKR_PIN_INCORRECT && t->pin_left > 0)
            t->pin_left--;
        else if (t->pin_max > 0 && rv == CKR_OK)
            t->pin_left = t->pin_max;
        pthread_mutex_unlock(&lock);
    }
    return rv;
}

/* The SO setting the user PIN unlocks it, as on real tokens. */
static CK_RV shim_C_InitPIN(CK_SESSION_HANDLE hSession, CK_UTF8CHAR_PTR pPin, CK_ULONG ulPinLen)
{
    CK_SESSION_HANDLE th;
    CK_SLOT_ID slot;
    CK_RV rv = enter_session(FN_C_InitPIN, hSession, &th, &slot);
    if (rv != CKR_OK)
        return rv;
    rv = target->C_InitPIN(th, pPin, ulPinLen);
    if (rv == CKR_OK) {
        pthread_mutex_lock(&lock);
        struct slot_state *s = slot_get(slot);
        s->pin_left = s->pin_max;
        pthread_mutex_unlock(&lock);
    }
    return rv;
}

/* Everything else only needs the session handle mapped. `args` names the target handle `th`. */
#define FORWARD_SESSION(name, params, args) \
    static CK_RV shim_##name params \
    { \
        CK_SESSION_HANDLE th; \
        CK_RV rv = enter_session(FN_##name, hSession, &th, NULL); \
        return rv != CKR_OK ? rv : target->name args; \
    }

FORWARD_SESSION(C_SetPIN, (CK_SESSION_HANDLE hSession, CK_UTF8CHAR_PTR pOldPin, CK_ULONG ulOldLen,
                           CK_UTF8CHAR_PTR pNewPin, CK_ULONG ulNewLen),
                (th, pOldPin, ulOldLen, pNewPin, ulNewLen))
FORWARD_SESSION(C_GetSessionInfo, (CK_SESSION_HANDLE hSession, CK_SESSION_INFO_PTR pInfo),
                (th, pInfo))
FORWARD_SESSION(C_GetOperationState, (CK_SESSION_HANDLE hSession, CK_BYTE_PTR pOperationState,
                                      CK_ULONG_PTR pulOperationStateLen),
                (th, pOperationState, pulOperationStateLen))
FORWARD_SESSION(C_SetOperationState, (CK_SESSION_HANDLE hSession, CK_BYTE_PTR pOperationState,
                                      CK_ULONG ulOperationStateLen, CK_OBJECT_HANDLE hEncryptionKey,
                                      CK_OBJECT_HANDLE hAuthenticationKey),
                (th, pOperationState, ulOperationStateLen, hEncryptionKey, hAuthenticationKey))
FORWARD_SESSION(C_Logout, (CK_SESSION_HANDLE hSession), (th))
FORWARD_SESSION(C_CreateObject, (CK_SESSION_HANDLE hSession, CK_ATTRIBUTE_PTR pTemplate,
                                 CK_ULONG ulCount, CK_OBJECT_HANDLE_PTR phObject),
                (th, pTemplate, ulCount, phObject))
FORWARD_SESSION(C_CopyObject, (CK_SESSION_HANDLE hSession, CK_OBJECT_HANDLE hObject,
                               CK_ATTRIBUTE_PTR pTemplate, CK_ULONG ulCount,
                               CK_OBJECT_HANDLE_PTR phNewObject),
                (th, hObject, pTemplate, ulCount, phNewObject))
FORWARD_SESSION(C_DestroyObject, (CK_SESSION_HANDLE hSession, CK_OBJECT_HANDLE hObject),
                (th, hObject))
FORWARD_SESSION(C_GetObjectSize, (CK_SESSION_HANDLE hSession, CK_OBJECT_HANDLE hObject,
                                  CK_ULONG_PTR pulSize),
                (th, hObject, pulSize))
FORWARD_SESSION(C_GetAttributeValue, (CK_SESSION_HANDLE hSession, CK_OBJECT_HANDLE hObject,
                                      CK_ATTRIBUTE_PTR pTemplate, CK_ULONG ulCount),
                (th, hObject, pTemplate, ulCount))
FORWARD_SESSION(C_SetAttributeValue, (CK_SESSION_HANDLE hSession, CK_OBJECT_HANDLE hObject,
                                      CK_ATTRIBUTE_PTR pTemplate, CK_ULONG ulCount),
                (th, hObject, pTemplate, ulCount))
FORWARD_SESSION(C_FindObjectsInit, (CK_SESSION_HANDLE hSession, CK_ATTRIBUTE_PTR pTemplate,
                                    CK_ULONG ulCount),
                (th, pTemplate, ulCount))
FORWARD_SESSION(C_FindObjects, (CK_SESSION_HANDLE hSession, CK_OBJECT_HANDLE_PTR phObject,
                                CK_ULONG ulMaxObjectCount, CK_ULONG_PTR pulObjectCount),
                (th, phObject, ulMaxObjectCount, pulObjectCount))
FORWARD_SESSION(C_FindObjectsFinal, (CK_SESSION_HANDLE hSession), (th))
FORWARD_SESSION(C_EncryptInit, (CK_SESSION_HANDLE hSession, CK_MECHANISM_PTR pMechanism,
                                CK_OBJECT_HANDLE hKey),
                (th, pMechanism, hKey))
FORWARD_SESSION(C_Encrypt, (CK_SESSION_HANDLE hSession, CK_BYTE_PTR pData, CK_ULONG ulDataLen,
                            CK_BYTE_PTR pEncryptedData, CK_ULONG_PTR pulEncryptedDataLen),
                (th, pData, ulDataLen, pEncryptedData, pulEncryptedDataLen))
FORWARD_SESSION(C_EncryptUpdate, (CK_SESSION_HANDLE hSession, CK_BYTE_PTR pPart, CK_ULONG ulPartLen,
                                  CK_BYTE_PTR pEncryptedPart, CK_ULONG_PTR pulEncryptedPartLen),
                (th, pPart, ulPartLen, pEncryptedPart, pulEncryptedPartLen))
FORWARD_SESSION(C_EncryptFinal, (CK_SESSION_HANDLE hSession, CK_BYTE_PTR pLastEncryptedPart,
                                 CK_ULONG_PTR pulLastEncryptedPartLen),
                (th, pLastEncryptedPart, pulLastEncryptedPartLen))
FORWARD_SESSION(C_DecryptInit, (CK_SESSION_HANDLE hSession, CK_MECHANISM_PTR pMechanism,
                                CK_OBJECT_HANDLE hKey),
                (th, pMechanism, hKey))
FORWARD_SESSION(C_Decrypt, (CK_SESSION_HANDLE hSession, CK_BYTE_PTR pEncryptedData,
                            CK_ULONG ulEncryptedDataLen, CK_BYTE_PTR pData, CK_ULONG_PTR pulDataLen),
                (th, pEncryptedData, ulEncryptedDataLen, pData, pulDataLen))
FORWARD_SESSION(C_DecryptUpdate, (CK_SESSION_HANDLE hSession, CK_BYTE_PTR pEncryptedPart,
                                  CK_ULONG ulEncryptedPartLen, CK_BYTE_PTR pPart,
                                  CK_ULONG_PTR pulPartLen),
                (th, pEncryptedPart, ulEncryptedPartLen, pPart, pulPartLen))
FORWARD_SESSION(C_DecryptFinal, (CK_SESSION_HANDLE hSession, CK_BYTE_PTR pLastPart,
                                 CK_ULONG_PTR pulLastPartLen),
                (th, pLastPart, pulLastPartLen))
FORWARD_SESSION(C_DigestInit, (CK_SESSION_HANDLE hSession, CK_MECHANISM_PTR pMechanism),
                (th, pMechanism))
FORWARD_SESSION(C_Digest, (CK_SESSION_HANDLE hSession, CK_BYTE_PTR pData, CK_ULONG ulDataLen,
                           CK_BYTE_PTR pDigest, CK_ULONG_PTR pulDigestLen),
                (th, pData, ulDataLen, pDigest, pulDigestLen))
FORWARD_SESSION(C_DigestUpdate, (CK_SESSION_HANDLE hSession, CK_BYTE_PTR pPart, CK_ULONG ulPartLen),
                (th, pPart, ulPartLen))
FORWARD_SESSION(C_DigestKey, (CK_SESSION_HANDLE hSession, CK_OBJECT_HANDLE hKey), (th, hKey))
FORWARD_SESSION(C_DigestFinal, (CK_SESSION_HANDLE hSession, CK_BYTE_PTR pDigest,
                                CK_ULONG_PTR pulDigestLen),
                (th, pDigest, pulDigestLen))
FORWARD_SESSION(C_SignInit, (CK_SESSION_HANDLE hSession, CK_MECHANISM_PTR pMechanism,
                             CK_OBJECT_HANDLE hKey),
                (th, pMechanism, hKey))
/* Forwards, then flips one bit of a produced signature while corrupt_signatures_left > 0: a token
 * that answers CKR_OK with a wrong signature, which only a self-check can catch. */
static CK_RV shim_C_Sign(CK_SESSION_HANDLE hSession, CK_BYTE_PTR pData, CK_ULONG ulDataLen,
                         CK_BYTE_PTR pSignature, CK_ULONG_PTR pulSignatureLen)
{
    CK_SESSION_HANDLE th;
    CK_RV rv = enter_session(FN_C_Sign, hSession, &th, NULL);
    if (rv != CKR_OK)
        return rv;
    rv = target->C_Sign(th, pData, ulDataLen, pSignature, pulSignatureLen);
    if (rv == CKR_OK && pSignature != NULL && pulSignatureLen != NULL && *pulSignatureLen > 0) {
        pthread_mutex_lock(&lock);
        int corrupt = corrupt_signatures_left > 0;
        if (corrupt)
            corrupt_signatures_left--;
        pthread_mutex_unlock(&lock);
        if (corrupt)
            pSignature[*pulSignatureLen / 2] ^= 0x01;
    }
    return rv;
}
FORWARD_SESSION(C_SignUpdate, (CK_SESSION_HANDLE hSession, CK_BYTE_PTR pPart, CK_ULONG ulPartLen),
                (th, pPart, ulPartLen))
FORWARD_SESSION(C_SignFinal, (CK_SESSION_HANDLE hSession, CK_BYTE_PTR pSignature,
                              CK_ULONG_PTR pulSignatureLen),
                (th, pSignature, pulSignatureLen))
FORWARD_SESSION(C_SignRecoverInit, (CK_SESSION_HANDLE hSession, CK_MECHANISM_PTR pMechanism,
                                    CK_OBJECT_HANDLE hKey),
                (th, pMechanism, hKey))
FORWARD_SESSION(C_SignRecover, (CK_SESSION_HANDLE hSession, CK_BYTE_PTR pData, CK_ULONG ulDataLen,
                                CK_BYTE_PTR pSignature, CK_ULONG_PTR pulSignatureLen),
                (th, pData, ulDataLen, pSignature, pulSignatureLen))
FORWARD_SESSION(C_VerifyInit, (CK_SESSION_HANDLE hSession, CK_MECHANISM_PTR pMechanism,
                               CK_OBJECT_HANDLE hKey),
                (th, pMechanism, hKey))
FORWARD_SESSION(C_Verify, (CK_SESSION_HANDLE hSession, CK_BYTE_PTR pData, CK_ULONG ulDataLen,
                           CK_BYTE_PTR pSignature, CK_ULONG ulSignatureLen),
                (th, pData, ulDataLen, pSignature, ulSignatureLen))
FORWARD_SESSION(C_VerifyUpdate, (CK_SESSION_HANDLE hSession, CK_BYTE_PTR pPart, CK_ULONG ulPartLen),
                (th, pPart, ulPartLen))
FORWARD_SESSION(C_VerifyFinal, (CK_SESSION_HANDLE hSession, CK_BYTE_PTR pSignature,
                                CK_ULONG ulSignatureLen),
                (th, pSignature, ulSignatureLen))
FORWARD_SESSION(C_VerifyRecoverInit, (CK_SESSION_HANDLE hSession, CK_MECHANISM_PTR pMechanism,
                                      CK_OBJECT_HANDLE hKey),
                (th, pMechanism, hKey))
FORWARD_SESSION(C_VerifyRecover, (CK_SESSION_HANDLE hSession, CK_BYTE_PTR pSignature,
                                  CK_ULONG ulSignatureLen, CK_BYTE_PTR pData,
                                  CK_ULONG_PTR pulDataLen),
                (th, pSignature, ulSignatureLen, pData, pulDataLen))
FORWARD_SESSION(C_DigestEncryptUpdate, (CK_SESSION_HANDLE hSession, CK_BYTE_PTR pPart,
                                        CK_ULONG ulPartLen, CK_BYTE_PTR pEncryptedPart,
                                        CK_ULONG_PTR pulEncryptedPartLen),
                (th, pPart, ulPartLen, pEncryptedPart, pulEncryptedPartLen))
FORWARD_SESSION(C_DecryptDigestUpdate, (CK_SESSION_HANDLE hSession, CK_BYTE_PTR pEncryptedPart,
                                        CK_ULONG ulEncryptedPartLen, CK_BYTE_PTR pPart,
                                        CK_ULONG_PTR pulPartLen),
                (th, pEncryptedPart, ulEncryptedPartLen, pPart, pulPartLen))
FORWARD_SESSION(C_SignEncryptUpdate, (CK_SESSION_HANDLE hSession, CK_BYTE_PTR pPart,
                                      CK_ULONG ulPartLen, CK_BYTE_PTR pEncryptedPart,
                                      CK_ULONG_PTR pulEncryptedPartLen),
                (th, pPart, ulPartLen, pEncryptedPart, pulEncryptedPartLen))
FORWARD_SESSION(C_DecryptVerifyUpdate, (CK_SESSION_HANDLE hSession, CK_BYTE_PTR pEncryptedPart,
                                        CK_ULONG ulEncryptedPartLen, CK_BYTE_PTR pPart,
                                        CK_ULONG_PTR pulPartLen),
                (th, pEncryptedPart, ulEncryptedPartLen, pPart, pulPartLen))
FORWARD_SESSION(C_GenerateKey, (CK_SESSION_HANDLE hSession, CK_MECHANISM_PTR pMechanism,
                                CK_ATTRIBUTE_PTR pTemplate, CK_ULONG ulCount,
                                CK_OBJECT_HANDLE_PTR phKey),
                (th, pMechanism, pTemplate, ulCount, phKey))
FORWARD_SESSION(C_GenerateKeyPair, (CK_SESSION_HANDLE hSession, CK_MECHANISM_PTR pMechanism,
                                    CK_ATTRIBUTE_PTR pPublicKeyTemplate,
                                    CK_ULONG ulPublicKeyAttributeCount,
                                    CK_ATTRIBUTE_PTR pPrivateKeyTemplate,
                                    CK_ULONG ulPrivateKeyAttributeCount,
                                    CK_OBJECT_HANDLE_PTR phPublicKey,
                                    CK_OBJECT_HANDLE_PTR phPrivateKey),
                (th, pMechanism, pPublicKeyTemplate, ulPublicKeyAttributeCount,
                 pPrivateKeyTemplate, ulPrivateKeyAttributeCount, phPublicKey, phPrivateKey))
FORWARD_SESSION(C_WrapKey, (CK_SESSION_HANDLE hSession, CK_MECHANISM_PTR pMechanism,
                            CK_OBJECT_HANDLE hWrappingKey, CK_OBJECT_HANDLE hKey,
                            CK_BYTE_PTR pWrappedKey, CK_ULONG_PTR pulWrappedKeyLen),
                (th, pMechanism, hWrappingKey, hKey, pWrappedKey, pulWrappedKeyLen))
FORWARD_SESSION(C_UnwrapKey, (CK_SESSION_HANDLE hSession, CK_MECHANISM_PTR pMechanism,
                              CK_OBJECT_HANDLE hUnwrappingKey, CK_BYTE_PTR pWrappedKey,
                              CK_ULONG ulWrappedKeyLen, CK_ATTRIBUTE_PTR pTemplate,
                              CK_ULONG ulAttributeCount, CK_OBJECT_HANDLE_PTR phKey),
                (th, pMechanism, hUnwrappingKey, pWrappedKey, ulWrappedKeyLen, pTemplate,
                 ulAttributeCount, phKey))
FORWARD_SESSION(C_DeriveKey, (CK_SESSION_HANDLE hSession, CK_MECHANISM_PTR pMechanism,
                              CK_OBJECT_HANDLE hBaseKey, CK_ATTRIBUTE_PTR pTemplate,
                              CK_ULONG ulAttributeCount, CK_OBJECT_HANDLE_PTR phKey),
                (th, pMechanism, hBaseKey, pTemplate, ulAttributeCount, phKey))
FORWARD_SESSION(C_SeedRandom, (CK_SESSION_HANDLE hSession, CK_BYTE_PTR pSeed, CK_ULONG ulSeedLen),
                (th, pSeed, ulSeedLen))
FORWARD_SESSION(C_GenerateRandom, (CK_SESSION_HANDLE hSession, CK_BYTE_PTR RandomData,
                                   CK_ULONG ulRandomLen),
                (th, RandomData, ulRandomLen))
FORWARD_SESSION(C_GetFunctionStatus, (CK_SESSION_HANDLE hSession), (th))
FORWARD_SESSION(C_CancelFunction, (CK_SESSION_HANDLE hSession), (th))

#define AS_ENTRY(name) .name = shim_##name,
static CK_FUNCTION_LIST shim_functions = {
    .version = { CRYPTOKI_VERSION_MAJOR, CRYPTOKI_VERSION_MINOR },
    SHIM_FUNCTIONS(AS_ENTRY)
};

/* ---- control API ---- */

KYSO_SHIM_API void kyso_shim_reset(void)
{
    struct handles stale = { 0 };
    pthread_mutex_lock(&lock);
    memset(fns, 0, sizeof fns);
    global_pin_max = 0;
    global_forced_flags = 0;
    wait_unsupported = 0;
    pinpad_set = 0;
    pinpad_len = 0;
    corrupt_signatures_left = 0;
    memset(pinpad_pin, 0, sizeof pinpad_pin);
    for (size_t i = 0; i < n_slots; i++) {
        struct slot_state *s = &slots[i];
        /* The epoch stays: it is what tells live sessions from those of a removed token. */
        s->present = s->listed = 1;
        s->pin_own = 0;
        pin_restart(s, 0);
        s->forced_flags = 0;
    }
    take_sessions(&stale, 0, 1, 1);
    n_events = 0;
    pthread_mutex_unlock(&lock);
    release_target_sessions(&stale);
}

KYSO_SHIM_API int kyso_shim_set_target(const char *path)
{
    int rc = -1;
    pthread_mutex_lock(&lock);
    if (!target && path && strlen(path) < sizeof target_path) {
        strcpy(target_path, path);
        rc = 0;
    }
    pthread_mutex_unlock(&lock);
    return rc;
}

KYSO_SHIM_API void kyso_shim_set_pin_retries(int max)
{
    pthread_mutex_lock(&lock);
    global_pin_max = max > 0 ? max : 0;
    for (size_t i = 0; i < n_slots; i++)
        if (!slots[i].pin_own)
            pin_restart(&slots[i], global_pin_max);
    pthread_mutex_unlock(&lock);
}

KYSO_SHIM_API void kyso_shim_set_slot_pin_retries(unsigned long slot, int max)
{
    pthread_mutex_lock(&lock);
    struct slot_state *s = slot_get(slot);
    s->pin_own = 1;
    pin_restart(s, max);
    pthread_mutex_unlock(&lock);
}

KYSO_SHIM_API int kyso_shim_pin_retries_left(unsigned long slot)
{
    pthread_mutex_lock(&lock);
    const struct slot_state *s = slot_get(slot);
    int left = s->pin_max > 0 ? s->pin_left : -1;
    pthread_mutex_unlock(&lock);
    return left;
}

KYSO_SHIM_API void kyso_shim_force_token_flags(unsigned long flags)
{
    pthread_mutex_lock(&lock);
    global_forced_flags = flags;
    pthread_mutex_unlock(&lock);
}

KYSO_SHIM_API void kyso_shim_force_slot_token_flags(unsigned long slot, unsigned long flags)
{
    pthread_mutex_lock(&lock);
    slot_get(slot)->forced_flags = flags;
    pthread_mutex_unlock(&lock);
}

KYSO_SHIM_API int kyso_shim_fail_next(const char *function, unsigned long rv, int times)
{
    int fn = fn_lookup(function);
    if (fn < 0)
        return -1;
    pthread_mutex_lock(&lock);
    fns[fn].fail_left = times;
    fns[fn].fail_rv = rv;
    pthread_mutex_unlock(&lock);
    return 0;
}

KYSO_SHIM_API int kyso_shim_set_delay(const char *function, int ms)
{
    int fn = fn_lookup(function);
    if (fn < 0)
        return -1;
    pthread_mutex_lock(&lock);
    fns[fn].delay_ms = ms > 0 ? ms : 0;
    pthread_mutex_unlock(&lock);
    return 0;
}

KYSO_SHIM_API long kyso_shim_call_count(const char *function)
{
    int fn = fn_lookup(function);
    if (fn < 0)
        return -1;
    pthread_mutex_lock(&lock);
    long calls = (long)fns[fn].calls;
    pthread_mutex_unlock(&lock);
    return calls;
}

KYSO_SHIM_API void kyso_shim_set_present(unsigned long slot, int present)
{
    struct handles stale = { 0 };
    pthread_mutex_lock(&lock);
    set_presence(slot, present != 0, slot_get(slot)->listed, &stale);
    pthread_mutex_unlock(&lock);
    release_target_sessions(&stale);
}

KYSO_SHIM_API void kyso_shim_set_listed(unsigned long slot, int listed)
{
    struct handles stale = { 0 };
    pthread_mutex_lock(&lock);
    set_presence(slot, slot_get(slot)->present, listed != 0, &stale);
    pthread_mutex_unlock(&lock);
    release_target_sessions(&stale);
}

KYSO_SHIM_API void kyso_shim_set_wait_unsupported(int unsupported)
{
    pthread_mutex_lock(&lock);
    wait_unsupported = unsupported != 0;
    pthread_mutex_unlock(&lock);
}

KYSO_SHIM_API void kyso_shim_set_pinpad_pin(const char *pin)
{
    pthread_mutex_lock(&lock);
    pinpad_set = pin != NULL;
    pinpad_len = pin ? strnlen(pin, sizeof pinpad_pin) : 0;
    memset(pinpad_pin, 0, sizeof pinpad_pin);
    if (pin)
        memcpy(pinpad_pin, pin, pinpad_len);
    pthread_mutex_unlock(&lock);
}

KYSO_SHIM_API long kyso_shim_open_sessions(void)
{
    pthread_mutex_lock(&lock);
    long n = (long)n_sessions;
    pthread_mutex_unlock(&lock);
    return n;
}

KYSO_SHIM_API void kyso_shim_corrupt_signatures(int times)
{
    pthread_mutex_lock(&lock);
    corrupt_signatures_left = times > 0 ? times : 0;
    pthread_mutex_unlock(&lock);
}
