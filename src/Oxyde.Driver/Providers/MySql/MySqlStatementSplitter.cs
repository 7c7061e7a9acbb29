namespace Oxyde.Driver.Providers.MySql;

/// <summary>
/// Finds whether a SQL text holds more than one statement, reading MySQL's lexical rules: quoted
/// strings and identifiers (<c>'</c>, <c>"</c>, <c>`</c>, with backslash escapes in strings), and
/// comments (<c>-- </c>, <c>#</c>, <c>/* */</c>). Nothing is sent to the server: execute_raw refuses a
/// script before any of it runs.
/// </summary>
internal static class MySqlStatementSplitter
{
    public static bool HoldsMoreThanOne(string sql)
    {
        var sawEnd = false;
        for (var i = 0; i < sql.Length; i++)
        {
            var c = sql[i];
            switch (c)
            {
                case '\'' or '"' or '`':
                    if (sawEnd)
                    {
                        return true;
                    }

                    i = SkipQuoted(sql, i, c);
                    break;
                case '#':
                    i = SkipLine(sql, i);
                    break;
                case '-' when i + 1 < sql.Length && sql[i + 1] == '-' && (i + 2 == sql.Length || char.IsWhiteSpace(sql[i + 2])):
                    i = SkipLine(sql, i);
                    break;
                case '/' when i + 1 < sql.Length && sql[i + 1] == '*':
                    var close = sql.IndexOf("*/", i + 2, StringComparison.Ordinal);
                    i = close < 0 ? sql.Length : close + 1;
                    break;
                case ';':
                    sawEnd = true;
                    break;
                default:
                    if (sawEnd && !char.IsWhiteSpace(c))
                    {
                        return true;
                    }

                    break;
            }
        }

        return false;
    }

    private static int SkipQuoted(string sql, int start, char quote)
    {
        for (var i = start + 1; i < sql.Length; i++)
        {
            if (sql[i] == '\\' && quote != '`')
            {
                i++;
            }
            else if (sql[i] == quote)
            {
                if (i + 1 < sql.Length && sql[i + 1] == quote)
                {
                    i++;
                }
                else
                {
                    return i;
                }
            }
        }

        return sql.Length;
    }

    private static int SkipLine(string sql, int start)
    {
        var end = sql.IndexOf('\n', start);
        return end < 0 ? sql.Length : end;
    }
}
