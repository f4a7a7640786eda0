/* SBI (RISC-V Supervisor Binary Interface) numbers used between the guest kernel and whatever
 * runs below it: the QEMU SBI shim (guest-sw/sbi-shim) or the project's VMM. One source of truth
 * for both sides; values are those of the SBI specification v2.0.
 *
 * Calling convention: a7 = extension id (EID), a6 = function id (FID), a0..a5 = arguments;
 * returns a0 = error (SBI_SUCCESS or SBI_ERR_*), a1 = value. Legacy extensions (EID 0x00..0x0F)
 * return their only result in a0. */
#ifndef GUEST_SBI_ABI_H
#define GUEST_SBI_ABI_H

#define SBI_SPEC_VERSION_2_0 0x02000000u /* major << 24 | minor */

/* Error codes */
#define SBI_SUCCESS 0
#define SBI_ERR_FAILED (-1)
#define SBI_ERR_NOT_SUPPORTED (-2)
#define SBI_ERR_INVALID_PARAM (-3)
#define SBI_ERR_DENIED (-4)
#define SBI_ERR_INVALID_ADDRESS (-5)

/* Legacy extensions (v0.1) */
#define SBI_EXT_LEGACY_SET_TIMER 0x00
#define SBI_EXT_LEGACY_PUTCHAR 0x01
#define SBI_EXT_LEGACY_GETCHAR 0x02
#define SBI_EXT_LEGACY_SHUTDOWN 0x08

/* Base extension */
#define SBI_EXT_BASE 0x10
#define SBI_BASE_GET_SPEC_VERSION 0
#define SBI_BASE_GET_IMPL_ID 1
#define SBI_BASE_GET_IMPL_VERSION 2
#define SBI_BASE_PROBE_EXT 3
#define SBI_BASE_GET_MVENDORID 4
#define SBI_BASE_GET_MARCHID 5
#define SBI_BASE_GET_MIMPID 6

/* Timer extension "TIME" */
#define SBI_EXT_TIME 0x54494D45
#define SBI_TIME_SET_TIMER 0

/* Debug console extension "DBCN" */
#define SBI_EXT_DBCN 0x4442434E
#define SBI_DBCN_WRITE 0      /* a0 = num_bytes, a1 = base_lo, a2 = base_hi (physical) */
#define SBI_DBCN_READ 1       /* same; returns bytes read (non-blocking) */
#define SBI_DBCN_WRITE_BYTE 2 /* a0 = byte */

/* System reset extension "SRST" */
#define SBI_EXT_SRST 0x53525354
#define SBI_SRST_SYSTEM_RESET 0
#define SBI_SRST_TYPE_SHUTDOWN 0
#define SBI_SRST_TYPE_COLD_REBOOT 1
#define SBI_SRST_TYPE_WARM_REBOOT 2
#define SBI_SRST_REASON_NONE 0
#define SBI_SRST_REASON_SYSFAIL 1
/* Project convention (vendor-specific reason range): shut down with exit code = reason & 0xff,
 * so a test can report a precise failure code through QEMU's exit status. */
#define SBI_SRST_REASON_VENDOR_EXIT(code) (0xF0000000u | ((code) & 0xffu))

/* Implementation id of the project's shim (not an officially assigned number). */
#define SBI_IMPL_ID_BALLOON_SHIM 0x4253 /* "BS" */

#endif
