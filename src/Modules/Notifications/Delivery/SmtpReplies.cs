using System.Text;

namespace Ecommerce.Notifications.Delivery;

/// <summary>An SMTP server's reply (RFC 5321 §4.2): its code and the text of each of its lines.</summary>
internal readonly record struct SmtpReply(int Code, IReadOnlyList<string> Lines)
{
    public string Text => string.Join(' ', Lines);

    public bool Positive => Code is >= 200 and < 400;

    /// <summary>421: the server is closing the connection, whatever it was asked.</summary>
    public bool Closing => Code == 421;

    public override string ToString() => $"{Code} {Text}";
}

/// <summary>
/// Reads replies off a connection as they arrive, several to a read when the server answered a pipelined group at once.
/// Anything that is not a reply, or a line longer than 8 KiB, ends the conversation (<see cref="IOException"/>).
/// </summary>
internal sealed class SmtpReplies(Stream stream)
{
    private readonly byte[] _input = new byte[8 * 1024];
    private int _start, _end;

    public Stream Stream { get; set; } = stream;

    public async ValueTask<SmtpReply> ReadAsync(CancellationToken cancellationToken)
    {
        var lines = new List<string>(1);
        while (true)
        {
            var line = await ReadLineAsync(cancellationToken);
            if (line.Length < 3 || !int.TryParse(line.AsSpan(0, 3), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var code) || code < 200 || (line.Length > 3 && line[3] is not (' ' or '-')))
                throw new IOException($"The SMTP server sent something that is not a reply: {(line.Length > 80 ? line[..80] : line)}");
            lines.Add(line.Length > 4 ? line[4..] : "");
            if (line.Length == 3 || line[3] == ' ') return new SmtpReply(code, lines);
        }
    }

    /// <summary>Drops what was read but not used: after STARTTLS nothing sent in the clear may count.</summary>
    public void Discard() => _start = _end = 0;

    private async ValueTask<string> ReadLineAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var newline = _input.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                var line = _input.AsSpan(_start, newline).TrimEnd((byte)'\r');
                _start += newline + 1;
                return Encoding.UTF8.GetString(line);
            }
            if (_start > 0)
            {
                _input.AsSpan(_start, _end - _start).CopyTo(_input);
                (_start, _end) = (0, _end - _start);
            }
            if (_end == _input.Length) throw new IOException("The SMTP server sent a line longer than 8 KiB");
            var read = await Stream.ReadAsync(_input.AsMemory(_end), cancellationToken);
            if (read == 0) throw new IOException("The SMTP server closed the connection");
            _end += read;
        }
    }
}
