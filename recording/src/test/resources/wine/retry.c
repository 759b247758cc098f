/* A service that retries its bind. A holder process (this program started again with
 * "holder") binds 0.0.0.0:PORT first; the service's bind of the same address fails; the
 * service tells the holder to close, waits for it to exit, and binds again on the same socket.
 * usage: retry.exe PORT
 * Prints every call's result to stdout; the trace is on stderr (WINEDEBUG). */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int bind_any(const char *name, SOCKET s, int port)
{
    struct sockaddr_in sa;
    int r;
    memset(&sa, 0, sizeof(sa));
    sa.sin_family = AF_INET;
    sa.sin_port = htons((u_short)port);
    sa.sin_addr.s_addr = htonl(INADDR_ANY);
    r = bind(s, (struct sockaddr *)&sa, sizeof(sa));
    printf("%s: bind 0.0.0.0:%d -> %d (error %d)\n", name, port, r, r ? WSAGetLastError() : 0);
    fflush(stdout);
    return r;
}

static int holder(int port)
{
    HANDLE bound = OpenEventA(EVENT_MODIFY_STATE, FALSE, "wskemu-retry-bound");
    HANDLE release = OpenEventA(SYNCHRONIZE, FALSE, "wskemu-retry-release");
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    bind_any("holder", s, port);
    SetEvent(bound);
    WaitForSingleObject(release, 30000);
    printf("holder: closesocket -> %d\n", closesocket(s));
    fflush(stdout);
    return 0;
}

int main(int argc, char **argv)
{
    WSADATA wsa;
    SOCKET s;
    int port, attempt;
    char command[MAX_PATH + 64];
    STARTUPINFOA si;
    PROCESS_INFORMATION pi;
    HANDLE bound, release;

    if (argc == 3 && !strcmp(argv[1], "holder")) {
        WSAStartup(MAKEWORD(2, 2), &wsa);
        return holder(atoi(argv[2]));
    }
    if (argc != 2) {
        fprintf(stderr, "usage: retry.exe PORT\n");
        return 2;
    }
    port = atoi(argv[1]);
    WSAStartup(MAKEWORD(2, 2), &wsa);
    bound = CreateEventA(NULL, TRUE, FALSE, "wskemu-retry-bound");
    release = CreateEventA(NULL, TRUE, FALSE, "wskemu-retry-release");
    memset(&si, 0, sizeof(si));
    si.cb = sizeof(si);
    snprintf(command, sizeof(command), "retry.exe holder %d", port);
    if (!CreateProcessA(NULL, command, NULL, NULL, TRUE, 0, NULL, NULL, &si, &pi)) {
        printf("service: CreateProcess failed %lu\n", GetLastError());
        return 1;
    }
    WaitForSingleObject(bound, 30000);

    s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    printf("service: socket -> %s\n", s == INVALID_SOCKET ? "INVALID_SOCKET" : "ok");
    for (attempt = 1; attempt <= 3; attempt++) {
        if (bind_any("service", s, port) == 0) break;
        if (attempt == 1) {
            SetEvent(release);
            WaitForSingleObject(pi.hProcess, 30000);
        }
    }
    printf("service: closesocket -> %d\n", closesocket(s));
    WSACleanup();
    return 0;
}
