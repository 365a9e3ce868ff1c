#include "CFormatting.h"
#include <stdio.h>

int referral_funnel_format_fixed(char *buffer, size_t size, int decimals, double value) {
    return snprintf(buffer, size, "%.*f", decimals, value);
}
