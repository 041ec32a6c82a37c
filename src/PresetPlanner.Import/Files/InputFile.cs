using System;
using System.Globalization;
using System.IO;
using System.Text;

namespace PresetPlanner.Import.Files;

/// <summary>
/// The one reader of every file the tools open (preset files, config.json, calibration CSVs, launch configs): a regular
/// file only, at most <see cref="MaxBytes"/>, strict UTF-8 (a byte sequence that is not UTF-8 is refused with its line
/// and column). Character devices report a length of 0, so the cap is enforced on what is read, not on what the file
/// system says.
/// </summary>
public static class InputFile
{
    /// <summary>Largest file read: 4 MiB (a config.json is a few kB, a preset under 2 kB, the calibration set 200 kB).</summary>
    public const int MaxBytes = 4 * 1024 * 1024;

    private static readonly UTF8Encoding s_strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The text of <paramref name="path"/>.</summary>
    /// <exception cref="InputFileException">It is missing, a directory, not a regular file, larger than <see cref="MaxBytes"/> or not UTF-8.</exception>
    public static string ReadText(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Length == 0)
        {
            throw new InputFileException(path, "is empty; name a file");
        }

        if (Directory.Exists(path))
        {
            throw new InputFileException(path, "is a directory, not a file");
        }

        if (!File.Exists(path))
        {
            throw new InputFileException(path, "does not exist");
        }

        byte[] bytes = ReadBytes(path);
        return Decode(path, bytes);
    }

    // At most MaxBytes + 1 bytes: one more than the cap tells a file that is too large from one that is not.
    private static byte[] ReadBytes(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1, FileOptions.SequentialScan);
            long length = new FileInfo(path).Length;
            if (length > MaxBytes)
            {
                throw new InputFileException(path, $"is {length.ToString("#,0", CultureInfo.InvariantCulture)} bytes, more than the {MaxBytes.ToString("#,0", CultureInfo.InvariantCulture)} read");
            }

            byte[] buffer = new byte[Math.Min(MaxBytes + 1L, Math.Max(length, 0) + 4096)];
            int read = 0;
            int n;
            while (read < buffer.Length && (n = stream.Read(buffer, read, buffer.Length - read)) > 0)
            {
                read += n;
            }

            // A regular file holds the bytes its length says; a device or pipe (length 0, or a /proc file) does not.
            if (read != length)
            {
                throw new InputFileException(path, "is not a regular file (a device, a pipe or a special file)");
            }

            return buffer.AsSpan(0, read).ToArray();
        }
        catch (UnauthorizedAccessException)
        {
            throw new InputFileException(path, "could not be read: permission denied");
        }
        catch (IOException ex)
        {
            throw new InputFileException(path, "could not be read: " + ex.Message);
        }
    }

    private static string Decode(string path, byte[] bytes)
    {
        int start = bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
        try
        {
            return s_strict.GetString(bytes, start, bytes.Length - start);
        }
        catch (DecoderFallbackException ex)
        {
            (int line, int column) = LineAndColumn(bytes, start + Math.Max(ex.Index, 0));
            throw new InputFileException(path, $"is not UTF-8 text: invalid bytes at line {line}, column {column}");
        }
    }

    /// <summary>The 1-based line and column (in characters) of byte <paramref name="offset"/> of UTF-8 text.</summary>
    public static (int Line, int Column) LineAndColumn(ReadOnlySpan<byte> utf8, int offset)
    {
        int line = 1;
        int column = 1;
        for (int i = 0; i < offset && i < utf8.Length; i++)
        {
            if (utf8[i] == (byte)'\n')
            {
                (line, column) = (line + 1, 1);
            }
            else if ((utf8[i] & 0xC0) != 0x80)
            {
                column++;
            }
        }

        return (line, column);
    }
}
