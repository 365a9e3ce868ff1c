#include <stddef.h>

/* snprintf is variadic, which Swift calls only through a va_list built at run time (an
   existential cast per argument); this takes its two arguments directly. Writes `value`
   with `decimals` decimals, as "%.*f" does, and returns the length snprintf returns. */
int referral_funnel_format_fixed(char *buffer, size_t size, int decimals, double value);
