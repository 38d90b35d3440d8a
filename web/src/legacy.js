// OLD-SHAPE SHIMS — delete this file once the issue-11 server (docs: /work/briefs/api-contract.md)
// is merged, and drop the few calls to it (grep "legacy"). Until then the web app runs against
// the server of today: code tables the old /api/meta does not send yet, the old row shapes, and
// the synchronous import/census answers. Nothing else in the app may know about the old shapes.

// meta.labels as the contract describes them, for the kinds the old /api/meta does not send.
const L = (code, label, label_en) => ({ code, label, label_en })
export const LEGACY_LABELS = {
  standing: [L('in_school', '在校', 'In school'), L('verified', '已核实不属失学辍学', 'Verified, not out of school'),
    L('pending', '疑似待核查', 'Suspected, to verify'), L('dropout', '确认失学辍学', 'Confirmed out of school')],
  task_state: [L('undispatched', '未派发', 'Not dispatched'), L('assigned', '待核查', 'To verify'),
    L('submitted', '待审核', 'To review'), L('returned', '已退回', 'Returned'), L('approved', '已通过', 'Approved')],
  entry_status: [L('open', '未销号', 'Open'), L('closed', '已销号', 'Closed')],
  dropout_status: [L('open', '未复学', 'Not returned'), L('closed', '已销号', 'Closed')],
  sex: [L('男', '男', 'Male'), L('女', '女', 'Female')],
  band: [L('in', '义务教育年龄段', 'Compulsory-school age'), L('out', '不在义务教育年龄段', 'Outside compulsory-school age'),
    L('all', '全部年龄', 'All ages')],
  list_kind: [L('hukou', '户籍', 'Household registry'), L('xueji', '学籍', 'Student registry'),
    L('village', '村摸底', 'Village survey'), L('group', '重点群体', 'Key group'), L('present', '在校名单', 'Present in school'),
    L('school', '学校', 'Schools')],
  job_kind: [L('import', '导入名单', 'Import'), L('census', '运行比对', 'Census'), L('dispatch', '派发核查', 'Dispatch'),
    L('export', '导出', 'Export')],
  job_state: [L('queued', '排队中', 'Queued'), L('running', '进行中', 'Running'), L('done', '已完成', 'Done'),
    L('failed', '失败', 'Failed')],
  job_phase: [],
  comparison: [L('hukou_xueji', '户籍 × 学籍：有户籍无学籍', 'Household × student registry: no student record'),
    L('xueji_present', '学籍 × 在校：名在人不在', 'Student registry × presence: on the roll, not in school')],
  audit_action: [L('census', '运行比对', 'Ran the census'), L('change_password', '修改密码', 'Changed password'),
    L('dispatch', '派发核查', 'Dispatched'), L('export_audit', '导出审计日志', 'Exported the audit log'),
    L('export_children', '导出适龄儿童台账', 'Exported the children ledger'),
    L('export_dropouts', '导出辍学台账', 'Exported the dropout ledger'),
    L('export_import_errors', '下载问题行', 'Downloaded problem rows'),
    L('export_suspected', '导出疑似台账', 'Exported the suspected ledger'), L('import', '导入名单', 'Imported a list'),
    L('view_child', '查看儿童', 'Viewed a child'), L('view_dropout', '查看辍学记录', 'Viewed a dropout'),
    L('view_evidence', '查看证明材料', 'Viewed evidence'), L('view_suspected', '查看疑似记录', 'Viewed a suspected entry')],
  audit_object: [L('match_run', '比对', 'Census run'), L('user', '用户', 'User'), L('suspected_entries', '疑似台账', 'Suspected ledger'),
    L('audit_log', '审计日志', 'Audit log'), L('ledger_children', '适龄儿童台账', 'Children ledger'),
    L('dropout_entries', '辍学台账', 'Dropout ledger'), L('import_batch', '导入批次', 'Import batch'),
    L('ledger_child', '儿童', 'Child'), L('dropout_entry', '辍学记录', 'Dropout entry'),
    L('evidence_file', '证明材料', 'Evidence file'), L('suspected_entry', '疑似记录', 'Suspected entry')],
}

const split = (v) => (Array.isArray(v) ? v : String(v || '').split(/[,，;；\s]+/).filter(Boolean))
const OLD_STATUS = { enrolled: 'in_school', probable: 'pending', suspected: 'pending' }

// A list row or a detail answer in the contract's shape.
export function legacyRow(row) {
  if (!row || typeof row !== 'object') return row
  const out = { ...row }
  if (!Array.isArray(out.key_groups)) out.key_groups = split(out.key_groups)
  if (out.on_lists !== undefined && !Array.isArray(out.on_lists)) out.on_lists = split(out.on_lists)
  if (out.standing === undefined && out.status in OLD_STATUS) out.standing = OLD_STATUS[out.status]
  if (out.entries === undefined && Array.isArray(out.suspected_entries)) out.entries = out.suspected_entries
  return out
}

// The actions the old server would allow (the contract sends task.actions).
export function legacyActions(task, perms) {
  if (!task) return []
  if (['assigned', 'returned'].includes(task.state) && perms.verify) return ['submit']
  if (task.state === 'submitted' && perms.review) return ['approve', 'return']
  return []
}

// The old POST /api/imports and /api/census answered synchronously with the result itself.
export function legacyJob(answer, kind) {
  const result = answer?.run ?? answer
  return { id: null, kind, state: 'done', phase: '', done: 1, total: 1, result, error: null }
}

// The outcome the contract's import result carries.
export function legacyOutcome(r) {
  if (r.already_imported) return 'already_imported'
  if (r.rejected && !r.accepted) return 'all_rejected'
  if (r.rejected) return 'partly_rejected'
  return 'ok'
}
