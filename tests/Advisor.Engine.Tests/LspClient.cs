using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;

namespace DeployAdvisor.Engine.Tests;

/// <summary>
/// A small Language Server Protocol client (JSON-RPC 2.0 over a child process's stdin/stdout, with
/// Content-Length framing), enough to ask a language server what an editor would show: the
/// initialize handshake with VS Code-like capabilities, the server's own requests answered
/// (yaml-language-server 2.x takes its settings only through <c>workspace/configuration</c>),
/// diagnostics collected until they settle, completion, and a clean shutdown.
/// </summary>
public sealed class LspClient : IDisposable
{
    public sealed record Diagnostic(int Line, int Column, string Severity, string Message)
    {
        public override string ToString() => $"{Line}:{Column} {Severity} {Message}";
    }

    private readonly Process _process;
    private readonly Stream _stdin;
    private readonly BlockingCollection<JsonObject?> _inbox = new();
    private readonly Dictionary<int, JsonObject> _responses = new();
    private readonly Dictionary<string, (List<Diagnostic> Items, DateTime At)> _diagnostics = new(StringComparer.Ordinal);
    private readonly Func<string?, JsonNode?> _configuration;
    private readonly JsonArray _workspaceFolders;
    private readonly StringBuilder _stderr = new();
    private readonly object _writeLock = new();
    private int _nextId = 1;
    private bool _initialized;

    public int ConfigurationRequests { get; private set; }

    public LspClient(string command, IEnumerable<string> args, string workingDirectory, Func<string?, JsonNode?> configuration)
    {
        _configuration = configuration;
        var folder = new Uri(workingDirectory.TrimEnd('/') + "/").AbsoluteUri.TrimEnd('/');
        _workspaceFolders = new JsonArray(new JsonObject { ["uri"] = folder, ["name"] = Path.GetFileName(workingDirectory.TrimEnd('/')) });
        var psi = new ProcessStartInfo(command) { WorkingDirectory = workingDirectory, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        _process = Process.Start(psi) ?? throw new InvalidOperationException("could not start " + command);
        _stdin = _process.StandardInput.BaseStream;
        new Thread(ReadMessages) { IsBackground = true, Name = "lsp-stdout" }.Start();
        new Thread(() =>
        {
            string? line;
            while ((line = _process.StandardError.ReadLine()) != null)
                lock (_stderr) _stderr.AppendLine(line);
        }) { IsBackground = true, Name = "lsp-stderr" }.Start();
    }

    private string StderrTail()
    {
        lock (_stderr)
        {
            var lines = _stderr.ToString().Split('\n');
            return lines.Length == 0 ? "" : "\nserver stderr (last lines):\n  " + string.Join("\n  ", lines.Skip(Math.Max(0, lines.Length - 20)));
        }
    }

    // ---- transport ----------------------------------------------------------------------------

    private void ReadMessages()
    {
        var stream = _process.StandardOutput.BaseStream;
        try
        {
            while (true)
            {
                int length = -1;
                while (true)
                {
                    var header = ReadHeaderLine(stream);
                    if (header == null) { _inbox.Add(null); return; }
                    if (header.Length == 0) break;
                    var colon = header.IndexOf(':');
                    if (colon > 0 && header.Substring(0, colon).Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                        length = int.Parse(header.Substring(colon + 1).Trim(), System.Globalization.CultureInfo.InvariantCulture);
                }
                if (length < 0) continue;
                var body = new byte[length];
                int read = 0;
                while (read < length)
                {
                    int n = stream.Read(body, read, length - read);
                    if (n == 0) { _inbox.Add(null); return; }
                    read += n;
                }
                _inbox.Add(JsonNode.Parse(body) as JsonObject);
            }
        }
        catch (Exception) { _inbox.Add(null); }
    }

    private static string? ReadHeaderLine(Stream stream)
    {
        var bytes = new List<byte>();
        while (true)
        {
            int b = stream.ReadByte();
            if (b < 0) return null;
            if (b == '\n') return Encoding.ASCII.GetString(bytes.ToArray()).TrimEnd('\r');
            bytes.Add((byte)b);
        }
    }

    private void Send(JsonObject message)
    {
        message["jsonrpc"] = "2.0";
        var body = Encoding.UTF8.GetBytes(message.ToJsonString());
        var header = Encoding.ASCII.GetBytes($"Content-Length: {body.Length}\r\n\r\n");
        lock (_writeLock)
        {
            try
            {
                _stdin.Write(header, 0, header.Length);
                _stdin.Write(body, 0, body.Length);
                _stdin.Flush();
            }
            catch (IOException e) { throw new InvalidOperationException("the language server closed its input: " + e.Message + StderrTail()); }
        }
    }

    public void Notify(string method, JsonNode? parameters) => Send(new JsonObject { ["method"] = method, ["params"] = parameters });

    public JsonNode? Request(string method, JsonNode? parameters, TimeSpan timeout)
    {
        int id = _nextId++;
        Send(new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters });
        var deadline = DateTime.UtcNow + timeout;
        while (!_responses.ContainsKey(id))
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero) throw new TimeoutException($"no answer to {method} within {timeout.TotalSeconds} s" + StderrTail());
            Pump(left);
        }
        var response = _responses[id];
        _responses.Remove(id);
        if (response["error"] is JsonNode error) throw new InvalidOperationException($"{method} failed: {error.ToJsonString()}");
        return response["result"];
    }

    // ---- dispatch -----------------------------------------------------------------------------

    /// <summary>Handles at most one incoming message; false when none came within <paramref name="wait"/>.</summary>
    public bool Pump(TimeSpan wait)
    {
        if (!_inbox.TryTake(out var message, wait < TimeSpan.Zero ? TimeSpan.Zero : wait)) return false;
        if (message == null)
            throw new InvalidOperationException($"the language server closed its output (exit code {(_process.HasExited ? _process.ExitCode.ToString() : "none yet")})" + StderrTail());
        var method = message["method"]?.GetValue<string>();
        if (method != null && message["id"] != null) Answer(message, method);
        else if (method != null) OnNotification(method, message["params"]);
        else if (message["id"] is JsonNode id && id.GetValueKind() == JsonValueKind.Number) _responses[id.GetValue<int>()] = message;
        return true;
    }

    private void Answer(JsonObject request, string method)
    {
        var id = request["id"]!.DeepClone();
        JsonNode? result;
        switch (method)
        {
            case "workspace/configuration":
                ConfigurationRequests++;
                var items = request["params"]?["items"] as JsonArray ?? new JsonArray();
                result = new JsonArray(items.Select(i => _configuration(i?["section"]?.GetValue<string>())?.DeepClone()).ToArray());
                break;
            case "client/registerCapability":
            case "client/unregisterCapability":
            case "window/workDoneProgress/create":
            case "window/showMessageRequest":
            case "window/showDocument":
            case "workspace/codeLens/refresh":
            case "workspace/semanticTokens/refresh":
            case "workspace/inlayHint/refresh":
            case "workspace/diagnostic/refresh":
            case "workspace/inlineValue/refresh":
                result = null;
                break;
            case "workspace/workspaceFolders":
                result = _workspaceFolders.DeepClone();
                break;
            case "workspace/applyEdit":
                result = new JsonObject { ["applied"] = false, ["failureReason"] = "read-only test client" };
                break;
            default:
                Send(new JsonObject { ["id"] = id, ["error"] = new JsonObject { ["code"] = -32601, ["message"] = "unhandled: " + method } });
                return;
        }
        Send(new JsonObject { ["id"] = id, ["result"] = result });
    }

    private static readonly string[] SeverityNames = { "", "ERROR", "WARNING", "INFO", "HINT" };

    private void OnNotification(string method, JsonNode? parameters)
    {
        if (method != "textDocument/publishDiagnostics" || parameters == null) return;
        var uri = parameters["uri"]!.GetValue<string>();
        var list = new List<Diagnostic>();
        foreach (var d in parameters["diagnostics"] as JsonArray ?? new JsonArray())
        {
            var start = d!["range"]!["start"]!;
            int severity = d["severity"]?.GetValue<int>() ?? 1;
            var message = string.Join(" | ", (d["message"]?.GetValue<string>() ?? "").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0));
            // LSP columns count UTF-16 code units, like .NET strings: the test documents are ASCII, so the column is the character.
            list.Add(new Diagnostic(start["line"]!.GetValue<int>() + 1, start["character"]!.GetValue<int>() + 1,
                severity >= 1 && severity <= 4 ? SeverityNames[severity] : severity.ToString(), message));
        }
        _diagnostics[uri] = (list.OrderBy(x => x.Line).ThenBy(x => x.Column).ToList(), DateTime.UtcNow);
    }

    // ---- the editor session -------------------------------------------------------------------

    public static JsonObject ClientCapabilities() => (JsonObject)JsonNode.Parse("""
        {
          "general": { "positionEncodings": ["utf-16"] },
          "workspace": { "configuration": true, "workspaceFolders": true,
                         "didChangeConfiguration": { "dynamicRegistration": true },
                         "didChangeWatchedFiles": { "dynamicRegistration": false }, "applyEdit": false },
          "textDocument": {
            "synchronization": { "dynamicRegistration": false, "didSave": true },
            "publishDiagnostics": { "relatedInformation": true, "versionSupport": true, "codeDescriptionSupport": true, "dataSupport": true },
            "completion": { "dynamicRegistration": false, "contextSupport": true,
                            "completionItem": { "snippetSupport": true, "deprecatedSupport": true, "labelDetailsSupport": true,
                                                "documentationFormat": ["markdown", "plaintext"] } },
            "hover": { "contentFormat": ["markdown", "plaintext"] },
            "formatting": { "dynamicRegistration": true }
          },
          "window": { "workDoneProgress": true, "showMessage": {} }
        }
        """)!;

    public void Initialize(string rootFolder, JsonNode settings, TimeSpan timeout)
    {
        var rootUri = new Uri(rootFolder.TrimEnd('/') + "/").AbsoluteUri.TrimEnd('/');
        Request("initialize", new JsonObject
        {
            ["processId"] = Environment.ProcessId,
            ["clientInfo"] = new JsonObject { ["name"] = "deployadvisor-tests", ["version"] = "1" },
            ["locale"] = "en",
            ["rootPath"] = rootFolder,
            ["rootUri"] = rootUri,
            ["workspaceFolders"] = _workspaceFolders.DeepClone(),
            ["capabilities"] = ClientCapabilities(),
            ["initializationOptions"] = new JsonObject(),
            ["trace"] = "off",
        }, timeout);
        _initialized = true;
        Notify("initialized", new JsonObject());
        Notify("workspace/didChangeConfiguration", new JsonObject { ["settings"] = settings.DeepClone() });
        // Let the server pull its settings before a document is opened, so that the first validation uses them.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(Math.Min(5, timeout.TotalSeconds));
        while (ConfigurationRequests == 0 && DateTime.UtcNow < deadline) Pump(deadline - DateTime.UtcNow);
        while (Pump(TimeSpan.FromMilliseconds(300))) { }
    }

    public void Open(string uri, string text)
        => Notify("textDocument/didOpen", new JsonObject { ["textDocument"] = new JsonObject { ["uri"] = uri, ["languageId"] = "yaml", ["version"] = 1, ["text"] = text } });

    /// <summary>The document's diagnostics once none has arrived for <paramref name="settle"/> after the first.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics(string uri, TimeSpan settle, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_diagnostics.TryGetValue(uri, out var got) && DateTime.UtcNow - got.At >= settle) return got.Items;
            var wait = deadline - DateTime.UtcNow;
            if (_diagnostics.TryGetValue(uri, out got) && got.At + settle - DateTime.UtcNow < wait) wait = got.At + settle - DateTime.UtcNow;
            Pump(wait);
        }
        if (_diagnostics.TryGetValue(uri, out var last)) return last.Items;
        throw new TimeoutException($"no diagnostics published for {uri} within {timeout.TotalSeconds} s" + StderrTail());
    }

    /// <summary>Completion labels at a 1-based line and column (a column past the end of the line is allowed).</summary>
    public IReadOnlyList<string> Complete(string uri, int line, int column, TimeSpan timeout)
    {
        var result = Request("textDocument/completion", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = uri },
            ["position"] = new JsonObject { ["line"] = line - 1, ["character"] = column - 1 },
            ["context"] = new JsonObject { ["triggerKind"] = 1 },
        }, timeout);
        var items = result is JsonObject o ? o["items"] as JsonArray : result as JsonArray;
        return (items ?? new JsonArray()).Select(i => i!["label"]!.GetValue<string>()).ToList();
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited && _initialized)
            {
                try
                {
                    Request("shutdown", null, TimeSpan.FromSeconds(3));
                    Notify("exit", null);
                }
                catch (Exception) { }
            }
            try { _stdin.Close(); } catch (IOException) { }
            if (!_process.WaitForExit(3000)) _process.Kill(true);
        }
        finally { _process.Dispose(); }
    }
}
