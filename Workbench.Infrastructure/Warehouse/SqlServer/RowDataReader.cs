using System.Collections;
using System.Data.Common;
using Workbench.Core.Abstractions;
using Workbench.Core.Catalog;

namespace Workbench.Infrastructure.Warehouse.SqlServer;

/// <summary>
/// A forward-only reader over rows as they are enumerated, so SqlBulkCopy streams them without
/// buffering. Values are normalised and shaped as SqlClient expects (decimal, DateTime for date).
/// </summary>
internal sealed class RowDataReader(IEnumerable<object?[]> rows, IReadOnlyList<WarehouseColumn> columns) : DbDataReader
{
    private readonly IEnumerator<object?[]> _rows = rows.GetEnumerator();
    private readonly object?[] _current = new object?[columns.Count];
    private long _rowNumber;
    private bool _closed;

    public override bool Read()
    {
        if (!_rows.MoveNext())
        {
            return false;
        }
        _rowNumber++;
        var row = _rows.Current;
        WarehouseValues.CheckWidth(row, columns.Count, _rowNumber);
        for (var i = 0; i < columns.Count; i++)
        {
            _current[i] = WarehouseValues.Normalize(row[i], columns[i], _rowNumber) switch
            {
                double v => ToDecimal(v, columns[i]),
                DateOnly v => v.ToDateTime(TimeOnly.MinValue),
                var v => v,
            };
        }
        return true;
    }

    private decimal ToDecimal(double value, WarehouseColumn column)
    {
        try
        {
            return (decimal)value;
        }
        catch (OverflowException exception)
        {
            throw new WarehouseLoadException($"Row {_rowNumber}, column {column.Name}: {value} does not fit a number column.", exception);
        }
    }

    public override int FieldCount => columns.Count;

    public override object GetValue(int ordinal) => _current[ordinal] ?? DBNull.Value;

    public override bool IsDBNull(int ordinal) => _current[ordinal] is null;

    public override string GetName(int ordinal) => columns[ordinal].Name;

    public override int GetOrdinal(string name)
    {
        for (var i = 0; i < columns.Count; i++)
        {
            if (columns[i].Name == name)
            {
                return i;
            }
        }
        throw new IndexOutOfRangeException(name);
    }

    public override Type GetFieldType(int ordinal) => columns[ordinal].Type switch
    {
        ColumnType.Number => typeof(decimal),
        ColumnType.Date => typeof(DateTime),
        var type => type.ClrType(),
    };

    public override string GetDataTypeName(int ordinal) => GetFieldType(ordinal).Name;

    public override int GetValues(object[] values)
    {
        var count = Math.Min(values.Length, FieldCount);
        for (var i = 0; i < count; i++)
        {
            values[i] = GetValue(i);
        }
        return count;
    }

    public override object this[int ordinal] => GetValue(ordinal);

    public override object this[string name] => GetValue(GetOrdinal(name));

    public override bool GetBoolean(int ordinal) => (bool)GetValue(ordinal);

    public override long GetInt64(int ordinal) => (long)GetValue(ordinal);

    public override decimal GetDecimal(int ordinal) => (decimal)GetValue(ordinal);

    public override DateTime GetDateTime(int ordinal) => (DateTime)GetValue(ordinal);

    public override string GetString(int ordinal) => (string)GetValue(ordinal);

    public override double GetDouble(int ordinal) => (double)GetDecimal(ordinal);

    public override float GetFloat(int ordinal) => (float)GetDecimal(ordinal);

    public override int GetInt32(int ordinal) => checked((int)GetInt64(ordinal));

    public override short GetInt16(int ordinal) => checked((short)GetInt64(ordinal));

    public override byte GetByte(int ordinal) => checked((byte)GetInt64(ordinal));

    public override char GetChar(int ordinal) => GetString(ordinal)[0];

    public override Guid GetGuid(int ordinal) => throw new NotSupportedException();

    public override long GetBytes(int ordinal, long dataOffset, byte[]? buffer, int bufferOffset, int length) => throw new NotSupportedException();

    public override long GetChars(int ordinal, long dataOffset, char[]? buffer, int bufferOffset, int length) => throw new NotSupportedException();

    public override IEnumerator GetEnumerator() => new DbEnumerator(this);

    public override bool HasRows => true;

    public override bool IsClosed => _closed;

    public override int RecordsAffected => -1;

    public override int Depth => 0;

    public override bool NextResult() => false;

    public override void Close()
    {
        _closed = true;
        _rows.Dispose();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Close();
        }
        base.Dispose(disposing);
    }
}
