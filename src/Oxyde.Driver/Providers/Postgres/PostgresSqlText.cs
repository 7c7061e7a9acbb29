namespace Oxyde.Driver.Providers.Postgres;

/// <summary>
/// Reads PostgreSQL SQL text just far enough to tell whether it holds more than one statement: a
/// <c>;</c> counts only outside string literals (<c>'..'</c>, <c>E'..'</c> with backslash escapes),
/// quoted identifiers, dollar-quoted strings (<c>$tag$..$tag$</c>) and comments (<c>--</c>, nested
/// <c>/* */</c>). https://www.postgresql.org/docs/current/sql-syntax-lexical.html
/// </summary>
internal static class PostgresSqlText
{
    /// <summary>Whether a statement follows the first top-level <c>;</c> (empty statements and comments do not count).</summary>
    public static bool HoldsMoreThanOneStatement(string sql)
    {
        var i = 0;
        var sawSemicolon = false;
        while (i < sql.Length)
        {
            var c = sql[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            if (c == '-' && Next(sql, i) == '-')
            {
                i = LineEnd(sql, i);
                continue;
            }

            if (c == '/' && Next(sql, i) == '*')
            {
                i = BlockCommentEnd(sql, i);
                continue;
            }

            if (c == ';')
            {
                sawSemicolon = true;
                i++;
                continue;
            }

            if (sawSemicolon)
            {
                return true;
            }

            i = TokenEnd(sql, i);
        }

        return false;
    }

    /// <summary>
    /// Whether <paramref name="sql"/> starts (after white space and comments) with a statement that
    /// opens or ends a transaction: BEGIN, START, COMMIT, END, ROLLBACK, ABORT (PREPARE TRANSACTION
    /// and COMMIT/ROLLBACK PREPARED included). https://www.postgresql.org/docs/current/sql-commands.html
    /// </summary>
    public static bool StartsWithTransactionControl(string sql)
    {
        var i = 0;
        while (i < sql.Length)
        {
            if (char.IsWhiteSpace(sql[i]))
            {
                i++;
            }
            else if (sql[i] == '-' && Next(sql, i) == '-')
            {
                i = LineEnd(sql, i);
            }
            else if (sql[i] == '/' && Next(sql, i) == '*')
            {
                i = BlockCommentEnd(sql, i);
            }
            else
            {
                break;
            }
        }

        var end = i;
        while (end < sql.Length && char.IsAsciiLetter(sql[end]))
        {
            end++;
        }

        var word = sql.AsSpan(i, end - i);
        foreach (var keyword in TransactionKeywords)
        {
            if (word.Equals(keyword, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static readonly string[] TransactionKeywords = ["BEGIN", "START", "COMMIT", "END", "ROLLBACK", "ABORT", "PREPARE"];

    /// <summary>The index after the token (literal, identifier, dollar quote or plain character) starting at <paramref name="i"/>.</summary>
    private static int TokenEnd(string sql, int i)
    {
        var c = sql[i];
        if (c == '\'')
        {
            var escapes = i > 0 && (sql[i - 1] is 'E' or 'e') && (i < 2 || !IsIdentifierChar(sql[i - 2]));
            return QuotedEnd(sql, i, '\'', escapes);
        }

        if (c == '"')
        {
            return QuotedEnd(sql, i, '"', backslashEscapes: false);
        }

        if (c == '$' && DollarTag(sql, i) is { } tag)
        {
            var close = sql.IndexOf(tag, i + tag.Length, StringComparison.Ordinal);
            return close < 0 ? sql.Length : close + tag.Length;
        }

        if (IsIdentifierChar(c))
        {
            while (i < sql.Length && IsIdentifierChar(sql[i]))
            {
                i++;
            }

            return i;
        }

        return i + 1;
    }

    private static int QuotedEnd(string sql, int i, char quote, bool backslashEscapes)
    {
        i++;
        while (i < sql.Length)
        {
            var c = sql[i];
            if (backslashEscapes && c == '\\')
            {
                i += 2;
                continue;
            }

            if (c == quote)
            {
                if (Next(sql, i) == quote)
                {
                    i += 2;
                    continue;
                }

                return i + 1;
            }

            i++;
        }

        return sql.Length;
    }

    /// <summary><c>$tag$</c> or <c>$$</c> at <paramref name="i"/>, or null (a <c>$1</c> parameter is no tag).</summary>
    private static string? DollarTag(string sql, int i)
    {
        var j = i + 1;
        if (j < sql.Length && char.IsAsciiDigit(sql[j]))
        {
            return null;
        }

        while (j < sql.Length && sql[j] != '$')
        {
            if (!IsIdentifierChar(sql[j]))
            {
                return null;
            }

            j++;
        }

        return j < sql.Length ? sql[i..(j + 1)] : null;
    }

    private static int LineEnd(string sql, int i)
    {
        var end = sql.IndexOf('\n', i);
        return end < 0 ? sql.Length : end + 1;
    }

    private static int BlockCommentEnd(string sql, int i)
    {
        var depth = 0;
        while (i < sql.Length)
        {
            if (sql[i] == '/' && Next(sql, i) == '*')
            {
                depth++;
                i += 2;
            }
            else if (sql[i] == '*' && Next(sql, i) == '/')
            {
                i += 2;
                if (--depth == 0)
                {
                    return i;
                }
            }
            else
            {
                i++;
            }
        }

        return sql.Length;
    }

    private static char Next(string sql, int i) => i + 1 < sql.Length ? sql[i + 1] : '\0';

    private static bool IsIdentifierChar(char c) => char.IsLetterOrDigit(c) || c is '_' or '$' || c > 127;
}
