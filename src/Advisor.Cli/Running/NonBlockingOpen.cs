using System;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace DeployAdvisor.Cli.Running
{
    /// <summary>
    /// Opens a file for reading without blocking on a FIFO, for the files a run finds rather than is given: those a
    /// folder walk finds (descriptors for lint and recommend, artifacts for infer) and those a descriptor's
    /// spec.artifacts names. A FIFO there must read as empty, never hang the run.
    /// </summary>
    /// <remarks>
    /// open(2) by hand: no .NET API opens a file without blocking on a FIFO, and File.OpenHandle adds an fstat and
    /// an advisory flock (and its unlock) to every open. O_NONBLOCK makes opening a FIFO return at once and is
    /// ignored for a regular file; O_NOCTTY keeps a terminal named like an artifact from becoming the run's. The
    /// values are Linux's, so other systems keep the portable reads their callers have.
    /// </remarks>
    internal static class NonBlockingOpen
    {
        private const int O_RDONLY = 0, O_NOCTTY = 0x100, O_NONBLOCK = 0x800, O_CLOEXEC = 0x80000;

        /// <summary>open(2)'s answer for a socket (and a device without a driver): nothing there can be read as a file.</summary>
        private const int ENXIO = 6;

        [DllImport("libc", EntryPoint = "open", SetLastError = true)]
        private static extern int OpenNative(string path, int flags);

        /// <summary>
        /// Whether <see cref="TryOpen"/> can open files: on Linux, unless the C library lacks open or a test asks for
        /// the portable reads (which other systems use) to be run here.
        /// </summary>
        public static bool Available { get; private set; } = OperatingSystem.IsLinux()
            && Environment.GetEnvironmentVariable("DEPLOYADVISOR_TEST_PORTABLE_READ") != "1";

        /// <summary>
        /// The file opened for reading, or null when it cannot be opened this way (the caller's portable read then
        /// says why, in the same words on every system). A FIFO, a device or a socket is opened too: the caller
        /// finds from the handle that it has no length.
        /// </summary>
        public static SafeFileHandle? TryOpen(string path) => TryOpen(path, out _);

        /// <summary>
        /// As <see cref="TryOpen(string)"/>; <paramref name="notAFile"/> is true when open(2) said there is nothing to
        /// read there as a file (a socket: ENXIO), which a run that found the path reads as empty, as it reads a FIFO.
        /// </summary>
        public static SafeFileHandle? TryOpen(string path, out bool notAFile)
        {
            notAFile = false;
            if (!Available) return null;
            int fd;
            try { fd = OpenNative(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC); }
            catch (Exception e) when (e is DllNotFoundException || e is EntryPointNotFoundException)
            {
                Available = false;
                return null;
            }
            if (fd >= 0) return new SafeFileHandle((IntPtr)fd, ownsHandle: true);
            notAFile = Marshal.GetLastPInvokeError() == ENXIO;
            return null;
        }
    }
}
