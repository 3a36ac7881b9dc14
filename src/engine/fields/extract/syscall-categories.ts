// Categories of system calls that 2022 libsinsp (sysdig 0.29.3) reports for generic syscall events
// (evt.category of events 0/1 comes from the syscall, not from the generic event).
// Facts transcribed from falcosecurity/libs @ e5c53d64, userspace/libscap/syscall_info_table.c (Apache-2.0).

/** [EC_* category, space-separated syscall names]. */
const TABLE: readonly (readonly [number, string])[] = [
  [2, 'access chdir chmod chown close copy_file_range creat faccessat fchdir fchmod fchmodat fchown fchownat fcntl64 fgetxattr flistxattr flock fremovexattr fsetxattr fstat fstat64 fstatat64 fstatfs fstatfs64 ftruncate futimesat getcwd getdents getxattr lchown lgetxattr link linkat listxattr llistxattr llseek lremovexattr lseek lsetxattr lstat lstat64 mkdir mkdirat mknod mknodat mmap mmap2 mount mremap munmap open openat openat2 pread64 pwrite64 readlink readlinkat remap_file_pages removexattr rename renameat renameat2 rmdir sendfile sendfile64 setxattr stat stat64 statfs statfs64 symlink symlinkat syncfs truncate umount umount2 unlink unlinkat userfaultfd ustat utimensat utimes'],
  [34, 'dup dup2 dup3 exit_group fadvise64 fallocate fdatasync fork fsync geteuid getgid getrandom getresgid getresuid getuid io_cancel io_destroy io_getevents io_setup io_submit ioctl msync newfstatat process_vm_readv process_vm_writev setgid setresgid setresuid setuid sigaltstack sync vfork'],
  [32, 'preadv read readv'],
  [33, 'pwritev write writev'],
  [4, 'chroot eventfd eventfd2 fanotify_init futex getdents64 inotify_add_watch inotify_init inotify_init1 inotify_rm_watch ipc kill mq_getsetattr mq_notify mq_open mq_timedreceive mq_timedsend mq_unlink msgctl msgget msgrcv msgsnd pipe pipe2 semctl semget semop shmat shmctl shmdt shmget splice tee vmsplice'],
  [5, 'brk madvise mincore mlock mlockall mprotect munlock munlockall'],
  [3, 'accept accept4 bind connect getpeername getsockname getsockopt listen recvfrom recvmmsg recvmsg sendmmsg sendmsg sendto setsockopt shutdown socket socketcall socketpair'],
  [1, 'bdflush bpf clock_adjtime perf_event_open ptrace rt_tgsigqueueinfo seccomp vhangup'],
  [6, 'acct arch_prctl capget capset clone clone3 exit get_robust_list get_thread_area getcpu getpgid getpgrp getpid getppid getpriority getrlimit getrusage getsid gettid ioprio_get ioprio_set nice personality pivot_root prctl prlimit64 sched_get_priority_max sched_get_priority_min sched_getaffinity sched_getparam sched_getscheduler sched_rr_get_interval sched_setaffinity sched_setparam sched_setscheduler set_robust_list set_thread_area set_tid_address setns setpgid setpriority setrlimit setsid swapon ugetrlimit umask unshare uselib'],
  [9, 'rt_sigaction rt_sigpending rt_sigprocmask rt_sigqueueinfo rt_sigsuspend rt_sigtimedwait sgetmask signal signalfd signalfd4 sigpending sigprocmask sigreturn ssetmask tgkill tkill'],
  [7, 'clock_nanosleep nanosleep sched_yield'],
  [8, 'add_key adjtimex delete_module execve execveat finit_module init_module kexec_load keyctl olduname quotactl reboot request_key restart_syscall setdomainname sethostname swapoff sysfs sysinfo syslog uname'],
  [11, 'alarm clock_getres clock_gettime clock_settime getitimer gettimeofday setitimer settimeofday stime time timer_create timer_delete timer_getoverrun timer_gettime timer_settime timerfd_create timerfd_gettime timerfd_settime times utime'],
  [10, 'getegid geteuid getgid getgroups getresgid getresuid getuid setfsgid setfsuid setgid setgroups setregid setresgid setresuid setreuid setuid'],
  [64, 'epoll_create epoll_create1 epoll_ctl epoll_pwait epoll_wait fcntl newselect pause poll ppoll pselect6 select wait4 waitid waitpid'],
];

export const L22_SYSCALL_CATEGORY: ReadonlyMap<string, number> = new Map(TABLE.flatMap(([cat, names]) => names.split(' ').map((n) => [n, cat] as const)));
