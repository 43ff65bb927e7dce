/**
 * The Linux ABI: every constant a program and the kernel agree on, once, under the names of
 * the uapi headers (include/uapi/..., arch/x86/include/uapi/...), with the values Linux
 * x86-64 gives them. One small class per header family, each naming its header; {@link
 * ksim.abi.Glibc} holds what a C program sees differently through glibc's headers. The
 * kernel's internal values (task states, PF_* and JOBCTL_* flags, SEND_SIG_*) stay in the
 * kernel packages; only Errno carries a few (ERESTART*), beside the errnos they become. This
 * package depends on nothing, not even on the rest of ksim; the scenario language's symbols
 * are its constants.
 */
package ksim.abi;
