"""Reading the lists a bureau already keeps (Excel .xlsx or .csv) into the registry — the parsing layer.

Nothing here writes to the database: `files.parse_*` read a file, find the header row, match the columns
tolerantly (`headers.py`), validate every row (`rows.py`, `cells.py`, `vocab.py`) and return clean rows plus
every problem as a `RowError` (`errors.py`). `anjian.registry.services` turns clean rows into model rows in
one transaction. The accepted columns (first name canonical, then synonyms):

- **offices**: 名称 | 类别 (局领导、科室/股室、执法支队/执法大队/执法队、其他) | 别名 (、-separated) | 排序 |
  人员配置备注.
- **officers**: 姓名 | 股室（科室） (name or alias) | 人员性质 (在编/借调) | 执法证号 | 执法证有效期至 |
  是否参加执法 | 不参加执法原因 (下乡/未取证/其他) | 矿山安全监管专员 | 联系电话 | 合成数据 | 备注.
- **enterprises**: 企业名称 (生产经营单位名称/单位名称) | 统一社会信用代码 (信用代码) | 校验未通过说明 |
  行业领域 (行业) | 细分行业 | 责任单位 (实施单位; the first unit named is the owning office) | 管理层级 |
  所在区划代码 | 所在县（市、区） | 地址 | 主要负责人 | 联系电话 | 煤矿分类 | 非煤矿山风险等级 |
  安全生产标准化等级 | 标准化证书有效期至 | 高危行业 | the 是/否 flags 涉及重点监管危险化学品,
  涉及重点监管危险化工工艺, 构成重大危险源, 涉爆粉尘, 金属冶炼, 地下矿山, 尾矿库下游有重要设施 |
  露天矿边坡高度（米） | 生产状态 | 所属煤矿 (USCC or exact name of the mine of an attached washing plant) |
  合成数据 | 数据来源 | 备注; optionally one inline risk fact:
  事实类别 | 日期 | 终止日期 | 死亡人数 | 情况说明.
- **risk facts** (a workbook sheet with a 事实类别 column, or a csv for `anjian import facts`):
  统一社会信用代码 or 企业名称 | 事实类别 | 日期 | 终止日期 | 死亡人数 | 说明 | 依据文件.

A workbook may split enterprises over several sheets (e.g. one per sector); sheets without a recognisable
header are skipped with a warning. Unknown columns are ignored with a warning.
"""
