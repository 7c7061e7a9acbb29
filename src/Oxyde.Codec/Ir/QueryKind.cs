namespace Oxyde.Codec.Ir;

/// <summary>The IR <c>type</c> key, parsed once.</summary>
internal enum QueryKind
{
    Select,
    Insert,
    Update,
    Delete,
    Raw,
    CreateTable,
    DropTable,
    CreateIndex,
    DropIndex,
}
