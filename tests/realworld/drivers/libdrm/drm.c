/* realworld corpus driver: libdrm calls with bad input. The machine that traced the
 * cases has no DRM device (no /dev/dri, no /sys/class/drm), so every fd passed is a
 * file that is not a DRM node: /dev/null answers the DRM ioctls with ENOTTY.
 *   drm atomic PATH       drmModeAtomicCommit() on PATH of a request of four properties
 *                         of two objects (one property set twice)
 *   drm ioctl PATH        drmIoctl(DRM_IOCTL_VERSION) on PATH
 *   drm resources PATH    drmModeGetResources() on PATH
 *   drm device2 PATH      drmGetDevice2(PATH's fd, 0, &device)
 *   drm devices2          drmGetDevices2(0, NULL, 0)
 *   drm nodetype PATH     drmGetNodeTypeFromFd() of PATH
 * Nothing is changed.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <xf86drm.h>
#include <xf86drmMode.h>

int main(int argc, char **argv)
{
	int fd = -1;

	if (argc < 2)
		return 2;
	if (argc > 2) {
		fd = open(argv[2], O_RDWR);
		if (fd < 0)
			return 2;
	}
	if (!strcmp(argv[1], "atomic") && fd >= 0) {
		drmModeAtomicReqPtr req = drmModeAtomicAlloc();

		if (req == NULL)
			return 2;
		drmModeAtomicAddProperty(req, 40, 7, 1);
		drmModeAtomicAddProperty(req, 31, 2, 1920);
		drmModeAtomicAddProperty(req, 40, 7, 0);
		drmModeAtomicAddProperty(req, 31, 3, 1080);
		printf("%d\n", drmModeAtomicCommit(fd, req, DRM_MODE_ATOMIC_TEST_ONLY, NULL));
		drmModeAtomicFree(req);
	} else if (!strcmp(argv[1], "ioctl") && fd >= 0) {
		drm_version_t v;

		memset(&v, 0, sizeof(v));
		printf("%d\n", drmIoctl(fd, DRM_IOCTL_VERSION, &v));
	} else if (!strcmp(argv[1], "resources") && fd >= 0) {
		printf("%p\n", (void *)drmModeGetResources(fd));
	} else if (!strcmp(argv[1], "device2") && fd >= 0) {
		drmDevicePtr dev = NULL;

		printf("%d\n", drmGetDevice2(fd, 0, &dev));
	} else if (!strcmp(argv[1], "devices2")) {
		printf("%d\n", drmGetDevices2(0, NULL, 0));
	} else if (!strcmp(argv[1], "nodetype") && fd >= 0) {
		printf("%d\n", drmGetNodeTypeFromFd(fd));
	} else {
		return 2;
	}
	if (fd >= 0)
		close(fd);
	return 0;
}
