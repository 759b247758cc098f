/* Two sockets of one process race for one TCP port.
 * usage: race.exe OPT_A ADDR_A OPT_B ADDR_B PORT
 *   OPT:  none | reuse (SO_REUSEADDR) | excl (SO_EXCLUSIVEADDRUSE)
 *   ADDR: an IPv4 address, e.g. 0.0.0.0 or 127.0.0.1
 * Prints every call's result to stdout; the trace is on stderr (WINEDEBUG). */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void set_option(const char *name, SOCKET s, const char *opt)
{
    int one = 1, r, optname;
    if (!strcmp(opt, "none")) return;
    optname = !strcmp(opt, "reuse") ? SO_REUSEADDR : SO_EXCLUSIVEADDRUSE;
    r = setsockopt(s, SOL_SOCKET, optname, (const char *)&one, sizeof(one));
    printf("setsockopt %s %s -> %d (error %d)\n", name, opt, r, r ? WSAGetLastError() : 0);
}

static void bind_to(const char *name, SOCKET s, const char *addr, int port)
{
    struct sockaddr_in sa;
    int r;
    memset(&sa, 0, sizeof(sa));
    sa.sin_family = AF_INET;
    sa.sin_port = htons((u_short)port);
    inet_pton(AF_INET, addr, &sa.sin_addr);
    r = bind(s, (struct sockaddr *)&sa, sizeof(sa));
    printf("bind %s %s:%d -> %d (error %d)\n", name, addr, port, r, r ? WSAGetLastError() : 0);
}

int main(int argc, char **argv)
{
    WSADATA wsa;
    SOCKET a, b;
    int port;
    if (argc != 6) {
        fprintf(stderr, "usage: race.exe OPT_A ADDR_A OPT_B ADDR_B PORT\n");
        return 2;
    }
    port = atoi(argv[5]);
    WSAStartup(MAKEWORD(2, 2), &wsa);
    a = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    printf("socket a -> %s\n", a == INVALID_SOCKET ? "INVALID_SOCKET" : "ok");
    b = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    printf("socket b -> %s\n", b == INVALID_SOCKET ? "INVALID_SOCKET" : "ok");
    set_option("a", a, argv[1]);
    bind_to("a", a, argv[2], port);
    set_option("b", b, argv[3]);
    bind_to("b", b, argv[4], port);
    printf("closesocket a -> %d\n", closesocket(a));
    printf("closesocket b -> %d\n", closesocket(b));
    WSACleanup();
    return 0;
}
