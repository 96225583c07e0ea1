/*
 * hello_region: reads the greeting the winipc sample app writes into the shared memory
 * Local\HelloWorld, as the classic Win32 "named shared memory" sample's second process
 * does, prints it and exits 0; on failure it prints what failed and exits 1.
 *
 * The region has no header: offset 0 holds the text, UTF-16LE (wchar_t on Windows),
 * terminated by a NUL character, in at most 256 bytes.
 *
 * The name can be changed with the HELLO_REGION environment variable.
 *
 * Windows: OpenFileMappingW(Local\HelloWorld) + MapViewOfFile.
 * Linux, macOS: shm_open("/HelloWorld") + mmap (the Local\ prefix is dropped): on Linux
 * the file /dev/shm/HelloWorld.
 *
 * Build:  cc -Wall -Wextra -O2 -o hello_region hello_region.c
 *         x86_64-w64-mingw32-gcc -Wall -Wextra -O2 -o hello_region.exe hello_region.c
 *         cl /nologo /W4 hello_region.c
 */
#if defined(_MSC_VER)
#define _CRT_SECURE_NO_WARNINGS
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_REGION "Local\\HelloWorld"
#define REGION_SIZE 256

#ifdef _WIN32
#include <windows.h>

static const unsigned char *map_region(const char *name)
{
	WCHAR wide[256];
	MultiByteToWideChar(CP_UTF8, 0, name, -1, wide, 256);
	HANDLE mapping = OpenFileMappingW(FILE_MAP_READ, FALSE, wide);
	if (mapping == NULL) {
		fprintf(stderr, "hello_region: OpenFileMapping(%s) failed: error %lu\n", name, (unsigned long) GetLastError());
		return NULL;
	}
	const unsigned char *view = MapViewOfFile(mapping, FILE_MAP_READ, 0, 0, REGION_SIZE);
	if (view == NULL) {
		fprintf(stderr, "hello_region: MapViewOfFile(%s) failed: error %lu\n", name, (unsigned long) GetLastError());
	}
	return view;
}
#else
#include <errno.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

static const unsigned char *map_region(const char *name)
{
	const char *slash = strchr(name, '\\');
	char path[256];
	snprintf(path, sizeof(path), "/%s", slash != NULL ? slash + 1 : name);
	int fd = shm_open(path, O_RDONLY, 0);
	if (fd < 0) {
		fprintf(stderr, "hello_region: shm_open(%s) failed: %s\n", path, strerror(errno));
		return NULL;
	}
	void *view = mmap(NULL, REGION_SIZE, PROT_READ, MAP_SHARED, fd, 0);
	close(fd);
	if (view == MAP_FAILED) {
		fprintf(stderr, "hello_region: mmap(%s) failed: %s\n", path, strerror(errno));
		return NULL;
	}
	return view;
}
#endif

/* UTF-16LE up to its NUL, as UTF-8 (the Basic Multilingual Plane, which a greeting needs). */
static void print_utf16(const unsigned char *text, size_t room)
{
	for (size_t i = 0; i + 1 < room; i += 2) {
		unsigned c = text[i] | (text[i + 1] << 8);
		if (c == 0) {
			break;
		}
		if (c < 0x80) {
			putchar((int) c);
		}
		else if (c < 0x800) {
			putchar((int) (0xC0 | (c >> 6)));
			putchar((int) (0x80 | (c & 0x3F)));
		}
		else {
			putchar((int) (0xE0 | (c >> 12)));
			putchar((int) (0x80 | ((c >> 6) & 0x3F)));
			putchar((int) (0x80 | (c & 0x3F)));
		}
	}
	putchar('\n');
}

int main(void)
{
	const char *name = getenv("HELLO_REGION");
	if (name == NULL || name[0] == '\0') {
		name = DEFAULT_REGION;
	}
	const unsigned char *region = map_region(name);
	if (region == NULL) {
		return 1;
	}
	printf("read from %s: ", name);
	print_utf16(region, REGION_SIZE);
	return 0;
}
