// zlib, the machine's own (zlib1g-dev): raw deflate and inflate for the zip containers of Excel workbooks.
#include <zlib.h>
