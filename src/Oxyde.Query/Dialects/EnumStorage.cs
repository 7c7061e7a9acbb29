namespace Oxyde.Query.Dialects;

/// <summary>Where a database keeps an enum's values, which decides what adding a value takes.</summary>
internal enum EnumStorage
{
    /// <summary>Plain text; adding a value takes no DDL (SQLite).</summary>
    Text,

    /// <summary>A named type of its own: <c>CREATE TYPE ... AS ENUM</c>, <c>ALTER TYPE ... ADD VALUE</c> (PostgreSQL).</summary>
    NativeType,

    /// <summary>In each column's type, <c>ENUM('a', 'b')</c>: every column using it is redefined (MySQL).</summary>
    ColumnType,
}
