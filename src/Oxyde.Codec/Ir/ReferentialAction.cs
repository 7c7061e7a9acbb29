namespace Oxyde.Codec.Ir;

/// <summary><c>on_delete</c>/<c>on_update</c>: <c>cascade set_null restrict no_action</c> (and, from migration snapshots, <c>SET DEFAULT</c>).</summary>
internal enum ReferentialAction
{
    Restrict,
    Cascade,
    SetNull,
    NoAction,
    SetDefault,
}
