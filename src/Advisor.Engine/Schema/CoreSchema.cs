using System.Globalization;
using DeployAdvisor.Engine.Loading;

namespace DeployAdvisor.Engine.Schema
{
    public enum ScalarType { Null, Boolean, Integer, Float, String }

    /// <summary>
    /// Scalar resolution by the YAML 1.2 core schema (https://yaml.org/spec/1.2.2/#1032-tag-resolution):
    /// `yes`/`on` are strings, `010` is the integer 10, quoted scalars are strings. YamlDotNet's parser
    /// reports styles and tags but resolves nothing, so this small table is the one place that does.
    /// </summary>
    public static class CoreSchema
    {

        public const string TagStr = "tag:yaml.org,2002:str";
        public const string TagInt = "tag:yaml.org,2002:int";
        public const string TagBool = "tag:yaml.org,2002:bool";
        public const string TagNull = "tag:yaml.org,2002:null";
        public const string TagFloat = "tag:yaml.org,2002:float";
        public const string TagMap = "tag:yaml.org,2002:map";
        public const string TagSeq = "tag:yaml.org,2002:seq";

        public static bool IsSupportedTag(string? tag) => tag is null || tag == TagStr || tag == TagInt || tag == TagBool || tag == TagNull || tag == TagFloat || tag == TagMap || tag == TagSeq;

        public static ScalarType Resolve(YScalar s)
        {
            switch (s.Tag)
            {
                case TagStr: return ScalarType.String;
                case TagInt: return ScalarType.Integer;
                case TagBool: return ScalarType.Boolean;
                case TagNull: return ScalarType.Null;
                case TagFloat: return ScalarType.Float;
            }
            if (!s.IsPlain) return ScalarType.String;
            var v = s.Value;
            switch (v)
            {
                case "": case "~": case "null": case "Null": case "NULL": return ScalarType.Null;
                case "true": case "True": case "TRUE": case "false": case "False": case "FALSE": return ScalarType.Boolean;
            }
            if (v.Length == 0) return ScalarType.String;
            char c = v[0];
            if ((c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.')
            {
                if (IsInt10(v) || IsInt8(v) || IsInt16(v)) return ScalarType.Integer;
                if (IsFloat(v)) return ScalarType.Float;
            }
            return ScalarType.String;
        }

        // The three integer forms of the core schema as loops rather than regexes (checked against the
        // spec's regexes in PropertyTests): every literal like 90000ms or 4GiB starts with a digit
        // and went through three interpreted regexes before the float one.
        public static bool IsInt10(string v)
        {
            int i = v.Length > 0 && (v[0] == '-' || v[0] == '+') ? 1 : 0;
            if (i == v.Length) return false;
            for (; i < v.Length; i++) if (v[i] < '0' || v[i] > '9') return false;
            return true;
        }

        /// <summary>
        /// [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?, [-+]?\.(inf|Inf|INF), or \.nan|\.NaN|\.NAN.
        /// </summary>
        public static bool IsFloat(string v)
        {
            switch (v)
            {
                case ".nan": case ".NaN": case ".NAN": return true;
            }
            int i = 0;
            if (i < v.Length && (v[i] == '-' || v[i] == '+')) i++;
            if (v.Length - i == 4 && (string.CompareOrdinal(v, i, ".inf", 0, 4) == 0 || string.CompareOrdinal(v, i, ".Inf", 0, 4) == 0
                                      || string.CompareOrdinal(v, i, ".INF", 0, 4) == 0)) return true;
            int Digits(int from) { int k = from; while (k < v.Length && v[k] >= '0' && v[k] <= '9') k++; return k - from; }
            if (i < v.Length && v[i] == '.')
            {
                int n = Digits(i + 1);
                if (n == 0) return false;
                i += 1 + n;
            }
            else
            {
                int n = Digits(i);
                if (n == 0) return false;
                i += n;
                if (i < v.Length && v[i] == '.') i += 1 + Digits(i + 1);
            }
            if (i < v.Length && (v[i] == 'e' || v[i] == 'E'))
            {
                i++;
                if (i < v.Length && (v[i] == '-' || v[i] == '+')) i++;
                int n = Digits(i);
                if (n == 0) return false;
                i += n;
            }
            return i == v.Length;
        }

        public static bool IsInt8(string v)
        {
            if (v.Length < 3 || v[0] != '0' || v[1] != 'o') return false;
            for (int i = 2; i < v.Length; i++) if (v[i] < '0' || v[i] > '7') return false;
            return true;
        }

        public static bool IsInt16(string v)
        {
            if (v.Length < 3 || v[0] != '0' || v[1] != 'x') return false;
            for (int i = 2; i < v.Length; i++)
            {
                char c = v[i];
                if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) return false;
            }
            return true;
        }

        public static bool? AsBoolean(YScalar s) => s.Value switch
        {
            "true" or "True" or "TRUE" => true,
            "false" or "False" or "FALSE" => false,
            _ => null,
        };

        /// <summary>The integer a core-schema integer scalar stands for, or null when it does not fit in 64 bits.</summary>
        public static long? AsInteger(YScalar s)
        {
            var v = s.Value;
            try
            {
                if (IsInt8(v)) return System.Convert.ToInt64(v.Substring(2), 8);
                if (IsInt16(v)) return long.Parse(v.Substring(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture) is var h && h >= 0 ? h : (long?)null;
                if (long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var d)) return d;
            }
            catch (System.OverflowException) { }
            catch (System.FormatException) { }
            return null;
        }
    }
}
