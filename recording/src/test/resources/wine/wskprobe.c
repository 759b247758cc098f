/* wskprobe: a minimal WSK client driver for Wine's winedevice (record-wsk.sh): two WSK listen sockets of
 * one driver bind 0.0.0.0:40201; the second is refused, then binds again once the first is closed. */
#include <ntddk.h>

#define AF_INET 2
#define SOCK_STREAM 1
#define IPPROTO_TCP 6
#define WSK_FLAG_LISTEN_SOCKET 0x00000001
#define WSK_INFINITE_WAIT 0xffffffff
#define MAKE_WSK_VERSION(a, b) ((USHORT)((a << 8) | (b)))

typedef struct { USHORT sin_family; USHORT sin_port; ULONG sin_addr; char zero[8]; } SOCKADDR_IN4;
typedef struct _WSK_CLIENT WSK_CLIENT;
typedef struct { const void *Dispatch; } WSK_SOCKET;
typedef NTSTATUS (WINAPI *PFN_WSK_CLIENT_EVENT)(void *, ULONG, void *, SIZE_T, void *, SIZE_T *);
typedef struct { USHORT Version; USHORT Reserved; PFN_WSK_CLIENT_EVENT WskClientEvent; } WSK_CLIENT_DISPATCH;
typedef struct { void *ClientContext; const WSK_CLIENT_DISPATCH *Dispatch; } WSK_CLIENT_NPI;
typedef struct { ULONGLONG ReservedRegistrationState; void *ReservedRegistrationContext; KSPIN_LOCK ReservedRegistrationLock; } WSK_REGISTRATION;
typedef NTSTATUS (WINAPI *PFN_WSK_SOCKET)(WSK_CLIENT *, USHORT, USHORT, ULONG, ULONG, void *, const void *, PEPROCESS,
        PETHREAD, PSECURITY_DESCRIPTOR, PIRP);
typedef struct { USHORT Version; USHORT Reserved; PFN_WSK_SOCKET WskSocket; void *rest[5]; } WSK_PROVIDER_DISPATCH;
typedef struct { WSK_CLIENT *Client; const WSK_PROVIDER_DISPATCH *Dispatch; } WSK_PROVIDER_NPI;
typedef NTSTATUS (WINAPI *PFN_WSK_CONTROL_SOCKET)(WSK_SOCKET *, ULONG, ULONG, ULONG, SIZE_T, void *, SIZE_T, void *, SIZE_T *, PIRP);
typedef NTSTATUS (WINAPI *PFN_WSK_CLOSE_SOCKET)(WSK_SOCKET *, PIRP);
typedef NTSTATUS (WINAPI *PFN_WSK_BIND)(WSK_SOCKET *, SOCKADDR_IN4 *, ULONG, PIRP);
typedef struct { PFN_WSK_CONTROL_SOCKET WskControlSocket; PFN_WSK_CLOSE_SOCKET WskCloseSocket; PFN_WSK_BIND WskBind; } WSK_PROVIDER_LISTEN_DISPATCH;

NTSTATUS WINAPI WskRegister(WSK_CLIENT_NPI *, WSK_REGISTRATION *);
NTSTATUS WINAPI WskCaptureProviderNPI(WSK_REGISTRATION *, ULONG, WSK_PROVIDER_NPI *);
void WINAPI WskReleaseProviderNPI(WSK_REGISTRATION *);
void WINAPI WskDeregister(WSK_REGISTRATION *);

static const WSK_CLIENT_DISPATCH client_dispatch = { MAKE_WSK_VERSION(1, 0), 0, NULL };
static WSK_CLIENT_NPI client_npi = { NULL, &client_dispatch };
static WSK_REGISTRATION registration;

static NTSTATUS WINAPI completed(PDEVICE_OBJECT device, PIRP irp, void *context)
{
    KeSetEvent((PKEVENT)context, 0, FALSE);
    return STATUS_MORE_PROCESSING_REQUIRED;
}

/* a fresh IRP with a completion routine that signals event */
static PIRP new_irp(KEVENT *event)
{
    PIRP irp = IoAllocateIrp(1, FALSE);
    KeInitializeEvent(event, SynchronizationEvent, FALSE);
    IoSetCompletionRoutine(irp, completed, event, TRUE, TRUE, TRUE);
    return irp;
}

static NTSTATUS wait_irp(PIRP irp, KEVENT *event, NTSTATUS status, ULONG_PTR *information)
{
    if (status == STATUS_PENDING)
    {
        KeWaitForSingleObject(event, Executive, KernelMode, FALSE, NULL);
        status = irp->IoStatus.Status;
    }
    else if (irp->IoStatus.Status != STATUS_SUCCESS || status == STATUS_SUCCESS)
    {
        status = irp->IoStatus.Status ? irp->IoStatus.Status : status;
    }
    if (information) *information = irp->IoStatus.Information;
    IoFreeIrp(irp);
    return status;
}

static WSK_SOCKET *make_socket(WSK_PROVIDER_NPI *provider)
{
    KEVENT event;
    ULONG_PTR info = 0;
    PIRP irp = new_irp(&event);
    NTSTATUS status = provider->Dispatch->WskSocket(provider->Client, AF_INET, SOCK_STREAM, IPPROTO_TCP,
            WSK_FLAG_LISTEN_SOCKET, NULL, NULL, NULL, NULL, NULL, irp);
    status = wait_irp(irp, &event, status, &info);
    DbgPrint("wskprobe: WskSocket status %#lx socket %p\n", status, (void *)info);
    return status ? NULL : (WSK_SOCKET *)info;
}

static NTSTATUS do_bind(WSK_SOCKET *socket, ULONG addr, USHORT port)
{
    KEVENT event;
    SOCKADDR_IN4 sin = { AF_INET, (USHORT)((port >> 8) | (port << 8)), addr, {0} };
    PIRP irp = new_irp(&event);
    NTSTATUS status = ((const WSK_PROVIDER_LISTEN_DISPATCH *)socket->Dispatch)->WskBind(socket, &sin, 0, irp);
    status = wait_irp(irp, &event, status, NULL);
    DbgPrint("wskprobe: WskBind %p port %u status %#lx\n", socket, port, status);
    return status;
}

static void do_close(WSK_SOCKET *socket)
{
    KEVENT event;
    PIRP irp = new_irp(&event);
    NTSTATUS status = ((const WSK_PROVIDER_LISTEN_DISPATCH *)socket->Dispatch)->WskCloseSocket(socket, irp);
    status = wait_irp(irp, &event, status, NULL);
    DbgPrint("wskprobe: WskCloseSocket %p status %#lx\n", socket, status);
}

static void WINAPI unload(PDRIVER_OBJECT driver)
{
}

NTSTATUS WINAPI DriverEntry(PDRIVER_OBJECT driver, PUNICODE_STRING path)
{
    WSK_PROVIDER_NPI provider;
    WSK_SOCKET *a, *b;
    NTSTATUS status;

    driver->DriverUnload = unload;
    status = WskRegister(&client_npi, &registration);
    DbgPrint("wskprobe: WskRegister status %#lx\n", status);
    if (status) return STATUS_SUCCESS;
    status = WskCaptureProviderNPI(&registration, WSK_INFINITE_WAIT, &provider);
    DbgPrint("wskprobe: WskCaptureProviderNPI status %#lx\n", status);
    if (status) return STATUS_SUCCESS;
    a = make_socket(&provider);
    b = make_socket(&provider);
    if (a && b)
    {
        do_bind(a, 0 /* 0.0.0.0 */, 40201);
        do_bind(b, 0, 40201);           /* overlaps a: refused */
        do_close(a);
        do_bind(b, 0, 40201);           /* a closed: succeeds */
        do_close(b);
    }
    WskReleaseProviderNPI(&registration);
    WskDeregister(&registration);
    return STATUS_SUCCESS;
}
