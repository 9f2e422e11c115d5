/*
 * Control API of the Kyso fault-injection PKCS#11 shim (libkysofaultshim.so).
 *
 * The shim is a PKCS#11 v2.40 module that forwards every call to a real module (SoftHSM2 in the
 * tests) and lets the test that loaded it inject the faults SoftHSM2 cannot produce: PIN retry
 * counters, token removal, slot events, device errors, slow calls. The control functions act on
 * the globals of the shim copy in the calling process, so call them from the process that
 * loaded the shim as a PKCS#11 module (JNA's Native.load on the same path gets the same copy).
 *
 * Function names are the PKCS#11 names ("C_Sign", "C_Login", ...). Slot IDs, flags and return
 * values are CK_ULONG. Every setting stays until changed or kyso_shim_reset(); C_Finalize and
 * C_Initialize keep them.
 */
#ifndef KYSO_FAULT_SHIM_H
#define KYSO_FAULT_SHIM_H

#define KYSO_SHIM_API __attribute__((visibility("default")))

/* Back to plain pass-through: no faults, delays, PIN emulation or forced flags, counters zeroed,
 * every slot present again (sessions from before a removal become invalid), no pending slot
 * events, C_WaitForSlotEvent supported, no PIN-pad PIN. */
KYSO_SHIM_API void kyso_shim_reset(void);

/* Path of the real module. Ignored when the environment variable KYSO_SHIM_TARGET is set.
 * Returns 0, or -1 once the target is loaded (first C_Initialize) or if the path is too long. */
KYSO_SHIM_API int kyso_shim_set_target(const char *path);

/* PIN retry counter for the user PIN on every slot without a slot-specific setting; max <= 0
 * switches the emulation off. Restarts the count. */
KYSO_SHIM_API void kyso_shim_set_pin_retries(int max);
/* The same for one slot; overrides the global setting until reset. */
KYSO_SHIM_API void kyso_shim_set_slot_pin_retries(unsigned long slot, int max);
/* Tries left on the slot, or -1 when the emulation is off there. */
KYSO_SHIM_API int kyso_shim_pin_retries_left(unsigned long slot);

/* Flags ORed into CK_TOKEN_INFO.flags of every token (replaces the previous global value). */
KYSO_SHIM_API void kyso_shim_force_token_flags(unsigned long flags);
/* The same for one slot, in addition to the global flags. */
KYSO_SHIM_API void kyso_shim_force_slot_token_flags(unsigned long slot, unsigned long flags);

/* The next `times` calls of `function` return `rv` without reaching the target; times < 0: every
 * call until changed, times == 0: stop failing. Returns 0, or -1 for an unknown function name. */
KYSO_SHIM_API int kyso_shim_fail_next(const char *function, unsigned long rv, int times);
/* Every call of `function` sleeps `ms` milliseconds first (0 = no delay). 0, or -1 as above. */
KYSO_SHIM_API int kyso_shim_set_delay(const char *function, int ms);
/* Calls of `function` since the last reset, including failed and injected ones; -1 if unknown. */
KYSO_SHIM_API long kyso_shim_call_count(const char *function);

/* Token in (1) or out of (0) the reader. Out: C_GetSlotList(CK_TRUE) omits the slot, its
 * C_GetSlotInfo lacks CKF_TOKEN_PRESENT, token calls get CKR_TOKEN_NOT_PRESENT and calls on its
 * sessions CKR_DEVICE_REMOVED. Back in: those sessions are closed on the target and their handles
 * answer CKR_SESSION_HANDLE_INVALID. Each change is a slot event. */
KYSO_SHIM_API void kyso_shim_set_present(unsigned long slot, int present);
/* Reader attached (1) or gone (0): gone also omits the slot from C_GetSlotList(CK_FALSE) and
 * answers CKR_SLOT_ID_INVALID for it, and takes the token with it as above. */
KYSO_SHIM_API void kyso_shim_set_listed(unsigned long slot, int listed);

/* Non-zero: C_WaitForSlotEvent answers CKR_FUNCTION_NOT_SUPPORTED, like most real modules. */
KYSO_SHIM_API void kyso_shim_set_wait_unsupported(int unsupported);

/* C_Login with a NULL PIN logs in with this PIN, as if typed on the reader's PIN pad
 * (combine with CKF_PROTECTED_AUTHENTICATION_PATH). NULL: no PIN pad. */
KYSO_SHIM_API void kyso_shim_set_pinpad_pin(const char *pin);

/* Target sessions the shim holds for its callers (including those of removed tokens). */
KYSO_SHIM_API long kyso_shim_open_sessions(void);
/* The next `times` successful C_Sign calls return a signature with one bit flipped. */
KYSO_SHIM_API void kyso_shim_corrupt_signatures(int times);

#endif
