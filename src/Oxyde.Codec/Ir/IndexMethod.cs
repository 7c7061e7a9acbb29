namespace Oxyde.Codec.Ir;

/// <summary>An index's access method, <c>method</c>: <c>btree hash gin gist</c> (PostgreSQL's names).</summary>
internal enum IndexMethod
{
    BTree,
    Hash,
    Gin,
    Gist,
}
