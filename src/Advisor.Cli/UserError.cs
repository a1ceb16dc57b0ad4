using System;

namespace DeployAdvisor.Cli
{
    /// <summary>
    /// A problem the user can fix (bad argument, missing path, invalid config): printed as one message
    /// on standard error, never with a stack trace, and the run exits with code 2.
    /// </summary>
    public sealed class UserError : Exception
    {
        public UserError(string message, string? detail = null) : base(message) { Detail = detail; }

        /// <summary>Further lines (located findings, for example) printed after the message.</summary>
        public string? Detail { get; }
    }

    public static class ExitCodes
    {
        public const int Success = 0;
        public const int Findings = 1;
        public const int Usage = 2;
        public const int Interrupted = 130;
    }
}
