using System.Buffers;
using MessagePack;

namespace Oxyde.Driver.Tests;

/// <summary>Packs test requests and unpacks results with the MessagePack reader/writer structs.</summary>
internal static class Msg
{
    /// <summary>A map literal: <c>Map("a", 1, "b", 2)</c>.</summary>
    public static Dictionary<string, object?> Map(params object?[] pairs)
    {
        var map = new Dictionary<string, object?>();
        for (var i = 0; i < pairs.Length; i += 2)
        {
            map[(string)pairs[i]!] = pairs[i + 1];
        }

        return map;
    }

    public static List<object?> List(params object?[] items) => [.. items];

    public static byte[] Pack(object? value)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(buffer);
        Write(ref writer, value);
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    public static object? Unpack(byte[] bytes)
    {
        var reader = new MessagePackReader(bytes);
        var value = Read(ref reader);
        Assert.True(reader.End, "trailing bytes after the MessagePack value");
        return value;
    }

    public static Dictionary<string, object?> UnpackMap(byte[] bytes) =>
        Assert.IsType<Dictionary<string, object?>>(Unpack(bytes));

    private static void Write(ref MessagePackWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNil();
                break;
            case bool b:
                writer.Write(b);
                break;
            case int i:
                writer.Write(i);
                break;
            case long l:
                writer.Write(l);
                break;
            case ulong u:
                writer.Write(u);
                break;
            case double d:
                writer.Write(d);
                break;
            case string s:
                writer.Write(s);
                break;
            case byte[] bytes:
                writer.Write(bytes);
                break;
            case IDictionary<string, object?> map:
                writer.WriteMapHeader(map.Count);
                foreach (var (key, item) in map)
                {
                    writer.Write(key);
                    Write(ref writer, item);
                }

                break;
            case System.Collections.IEnumerable list:
                var items = list.Cast<object?>().ToList();
                writer.WriteArrayHeader(items.Count);
                foreach (var item in items)
                {
                    Write(ref writer, item);
                }

                break;
            default:
                throw new ArgumentException($"cannot pack {value.GetType()}");
        }
    }

    private static object? Read(ref MessagePackReader reader)
    {
        switch (reader.NextMessagePackType)
        {
            case MessagePackType.Nil:
                reader.ReadNil();
                return null;
            case MessagePackType.Boolean:
                return reader.ReadBoolean();
            case MessagePackType.Integer:
                return reader.NextCode == MessagePackCode.UInt64 ? checked((long)reader.ReadUInt64()) : reader.ReadInt64();
            case MessagePackType.Float:
                return reader.ReadDouble();
            case MessagePackType.String:
                return reader.ReadString();
            case MessagePackType.Binary:
                return reader.ReadBytes()!.Value.ToArray();
            case MessagePackType.Array:
                var count = reader.ReadArrayHeader();
                var list = new List<object?>(count);
                for (var i = 0; i < count; i++)
                {
                    list.Add(Read(ref reader));
                }

                return list;
            case MessagePackType.Map:
                var size = reader.ReadMapHeader();
                var map = new Dictionary<string, object?>(size);
                for (var i = 0; i < size; i++)
                {
                    var key = reader.ReadString()!;
                    map[key] = Read(ref reader);
                }

                return map;
            default:
                throw new InvalidOperationException($"unexpected {reader.NextMessagePackType}");
        }
    }
}
