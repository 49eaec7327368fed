/*
 * The self-contained binary's stand-in for libcurl. perfsite makes no HTTP request of its own: FoundationNetworking
 * is linked only because FlyingFox, the server of `perfsite serve`, has a proxy handler perfsite never uses. Debian
 * ships no static libcurl that links without a dozen more libraries (Kerberos, LDAP, ...), so `make dist` links these
 * instead: each stops the program with a message, should it ever be called.
 */
#include <stdio.h>
#include <stdlib.h>

static void no_http_client(const char *name) {
    fprintf(stderr, "perfsite: %s was called, but this binary has no HTTP client\n", name);
    abort();
}

#define STAND_IN(name) \
    void *name(void) { \
        no_http_client(#name); \
        return NULL; \
    }

STAND_IN(curl_easy_cleanup)
STAND_IN(curl_easy_getinfo)
STAND_IN(curl_easy_init)
STAND_IN(curl_easy_pause)
STAND_IN(curl_easy_setopt)
STAND_IN(curl_easy_strerror)
STAND_IN(curl_free)
STAND_IN(curl_global_init)
STAND_IN(curl_multi_add_handle)
STAND_IN(curl_multi_assign)
STAND_IN(curl_multi_cleanup)
STAND_IN(curl_multi_info_read)
STAND_IN(curl_multi_init)
STAND_IN(curl_multi_remove_handle)
STAND_IN(curl_multi_setopt)
STAND_IN(curl_multi_socket_action)
STAND_IN(curl_slist_append)
STAND_IN(curl_slist_free_all)
STAND_IN(curl_url)
STAND_IN(curl_url_get)
STAND_IN(curl_url_set)
STAND_IN(curl_version)
STAND_IN(curl_version_info)
