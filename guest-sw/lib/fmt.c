/* printf-style formatting without libc (see fmt.h). */
#include "fmt.h"

#include <stdint.h>

typedef struct {
  char *buf;
  size_t size;
  size_t len;
} out_t;

static void put(out_t *o, char c) {
  if (o->len + 1 < o->size) o->buf[o->len] = c;
  o->len++;
}

static void put_num(out_t *o, unsigned long long v, unsigned base, int upper, int neg, int width,
                    int zero, int left) {
  char tmp[24];
  int n = 0;
  const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
  do {
    tmp[n++] = digits[v % base];
    v /= base;
  } while (v);
  int total = n + (neg ? 1 : 0);
  if (!left && !zero) {
    for (int i = total; i < width; i++) put(o, ' ');
  }
  if (neg) put(o, '-');
  if (!left && zero) {
    for (int i = total; i < width; i++) put(o, '0');
  }
  while (n) put(o, tmp[--n]);
  if (left) {
    for (int i = total; i < width; i++) put(o, ' ');
  }
}

int fmt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap) {
  out_t o = {buf, size, 0};
  for (; *fmt; fmt++) {
    if (*fmt != '%') {
      put(&o, *fmt);
      continue;
    }
    fmt++;
    int zero = 0, left = 0, width = 0, lng = 0;
    for (;; fmt++) {
      if (*fmt == '0') zero = 1;
      else if (*fmt == '-') left = 1;
      else break;
    }
    if (*fmt == '*') {
      width = va_arg(ap, int);
      fmt++;
    } else {
      while (*fmt >= '0' && *fmt <= '9') width = width * 10 + (*fmt++ - '0');
    }
    while (*fmt == 'l') {
      lng++;
      fmt++;
    }
    if (*fmt == 'z') fmt++; /* size_t is unsigned int on ilp32 and unsigned long on LP64 hosts */
    switch (*fmt) {
      case 'd':
      case 'i': {
        long long v = lng >= 2 ? va_arg(ap, long long) : lng ? va_arg(ap, long) : va_arg(ap, int);
        unsigned long long u = v < 0 ? (unsigned long long)(-(v + 1)) + 1 : (unsigned long long)v;
        put_num(&o, u, 10, 0, v < 0, width, zero, left);
        break;
      }
      case 'u':
      case 'x':
      case 'X': {
        unsigned long long v = lng >= 2 ? va_arg(ap, unsigned long long)
                               : lng    ? va_arg(ap, unsigned long)
                                        : va_arg(ap, unsigned);
        put_num(&o, v, *fmt == 'u' ? 10 : 16, *fmt == 'X', 0, width, zero, left);
        break;
      }
      case 'p':
        put(&o, '0');
        put(&o, 'x');
        put_num(&o, (uintptr_t)va_arg(ap, void *), 16, 0, 0, 8, 1, 0);
        break;
      case 'c':
        put(&o, (char)va_arg(ap, int));
        break;
      case 's': {
        const char *s = va_arg(ap, const char *);
        if (!s) s = "(null)";
        int n = 0;
        while (s[n]) n++;
        if (!left)
          for (int i = n; i < width; i++) put(&o, ' ');
        for (int i = 0; i < n; i++) put(&o, s[i]);
        if (left)
          for (int i = n; i < width; i++) put(&o, ' ');
        break;
      }
      case '%':
        put(&o, '%');
        break;
      case '\0':
        fmt--;
        break;
      default:
        put(&o, '%');
        put(&o, *fmt);
        break;
    }
  }
  if (size) buf[o.len < size ? o.len : size - 1] = '\0';
  return (int)o.len;
}

int fmt_snprintf(char *buf, size_t size, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = fmt_vsnprintf(buf, size, fmt, ap);
  va_end(ap);
  return n;
}
