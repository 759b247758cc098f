/* A dual-stack server: an IPv6 socket with IPV6_V6ONLY off binds [::]:PORT, then an IPv4
 * socket tries 0.0.0.0:PORT and 127.0.0.1:PORT, and a second IPv6 socket tries [::1]:PORT.
 * usage: dualstack.exe PORT
 * Prints every call's result to stdout; the trace is on stderr (WINEDEBUG). */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void bind_v4(const char *name, SOCKET s, const char *addr, int port)
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

static void bind_v6(const char *name, SOCKET s, const char *addr, int port)
{
    struct sockaddr_in6 sa;
    int r;
    memset(&sa, 0, sizeof(sa));
    sa.sin6_family = AF_INET6;
    sa.sin6_port = htons((u_short)port);
    inet_pton(AF_INET6, addr, &sa.sin6_addr);
    r = bind(s, (struct sockaddr *)&sa, sizeof(sa));
    printf("bind %s [%s]:%d -> %d (error %d)\n", name, addr, port, r, r ? WSAGetLastError() : 0);
}

int main(int argc, char **argv)
{
    WSADATA wsa;
    SOCKET server, v4, v4b, v6;
    int off = 0, r, port;
    if (argc != 2) {
        fprintf(stderr, "usage: dualstack.exe PORT\n");
        return 2;
    }
    port = atoi(argv[1]);
    WSAStartup(MAKEWORD(2, 2), &wsa);
    server = socket(AF_INET6, SOCK_STREAM, IPPROTO_TCP);
    printf("socket server -> %s\n", server == INVALID_SOCKET ? "INVALID_SOCKET" : "ok");
    r = setsockopt(server, IPPROTO_IPV6, IPV6_V6ONLY, (const char *)&off, sizeof(off));
    printf("setsockopt server IPV6_V6ONLY 0 -> %d (error %d)\n", r, r ? WSAGetLastError() : 0);
    bind_v6("server", server, "::", port);
    r = listen(server, 5);
    printf("listen server -> %d (error %d)\n", r, r ? WSAGetLastError() : 0);

    v4 = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    printf("socket v4 -> %s\n", v4 == INVALID_SOCKET ? "INVALID_SOCKET" : "ok");
    bind_v4("v4", v4, "0.0.0.0", port);
    v4b = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    printf("socket v4b -> %s\n", v4b == INVALID_SOCKET ? "INVALID_SOCKET" : "ok");
    bind_v4("v4b", v4b, "127.0.0.1", port);
    v6 = socket(AF_INET6, SOCK_STREAM, IPPROTO_TCP);
    printf("socket v6 -> %s\n", v6 == INVALID_SOCKET ? "INVALID_SOCKET" : "ok");
    bind_v6("v6", v6, "::1", port);

    printf("closesocket v6 -> %d\n", closesocket(v6));
    printf("closesocket v4b -> %d\n", closesocket(v4b));
    printf("closesocket v4 -> %d\n", closesocket(v4));
    printf("closesocket server -> %d\n", closesocket(server));
    WSACleanup();
    return 0;
}
