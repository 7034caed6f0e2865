/**
 * Bank statements staff import (bank-statements.service.ts): each bank account's column layout
 * (saved once, used for every later statement of that account), each import, and each line of
 * money with what staff made of it. A line's `lineKey` (the account and the line's fingerprint)
 * is unique, so the same statement imported twice, or two imports at once, keep one line each.
 */
import mongoose, { Schema } from 'mongoose';

const column = { type: Number, min: 0, max: 49 };

const bankAccountSchema = new Schema(
  {
    name: { type: String, required: true, trim: true, maxlength: 100 },
    /** Lower-cased name: one layout per account. */
    nameKey: { type: String, required: true, unique: true, maxlength: 100 },
    mapping: {
      date: { ...column, required: true },
      description: { ...column, required: true },
      amount: column,
      credit: column,
      debit: column,
      balance: column,
      hasHeader: { type: Boolean, default: true },
    },
  },
  { timestamps: true, versionKey: false },
);

export const BankAccount = mongoose.model('BankAccount', bankAccountSchema);

const bankStatementSchema = new Schema(
  {
    bankAccountId: { type: Schema.Types.ObjectId, ref: 'BankAccount', required: true, index: true },
    filename: { type: String, required: true, maxlength: 120 },
    importedBy: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    lineCount: { type: Number, required: true },
    newLineCount: { type: Number, required: true },
    fromDay: { type: String },
    toDay: { type: String },
    /** Rows that could not be read (the first few), for the page to name. */
    problems: {
      type: [new Schema({ row: Number, key: String }, { _id: false })],
      default: [],
    },
    problemCount: { type: Number, default: 0 },
  },
  { timestamps: true, versionKey: false },
);
bankStatementSchema.index({ createdAt: -1 });

export const BankStatement = mongoose.model('BankStatement', bankStatementSchema);

export const LINE_STATUSES = [
  /** Money in nobody has matched yet. */
  'open',
  /** A waiting pledge, confirmed from this line. */
  'pledge_confirmed',
  /** Recorded as a new gift (a lapsed pledge's late transfer). */
  'gift_recorded',
  /** Staff said it is not a gift (interest, a transfer between accounts). */
  'not_a_gift',
  /** Money out: listed, nothing to match. */
  'money_out',
] as const;
export type LineStatus = (typeof LINE_STATUSES)[number];

const statementLineSchema = new Schema(
  {
    lineKey: { type: String, required: true, unique: true, maxlength: 200 },
    statementId: { type: Schema.Types.ObjectId, ref: 'BankStatement', required: true, index: true },
    bankAccountId: { type: Schema.Types.ObjectId, ref: 'BankAccount', required: true },
    row: { type: Number, required: true },
    day: { type: String, required: true },
    amountSatang: { type: Number, required: true, validate: Number.isSafeInteger },
    description: { type: String, default: '', maxlength: 500 },
    balanceSatang: { type: Number },
    status: { type: String, enum: LINE_STATUSES, required: true },
    donationId: { type: Schema.Types.ObjectId, ref: 'Donation' },
    settledBy: { type: Schema.Types.ObjectId, ref: 'User' },
    settledAt: { type: Date },
  },
  { timestamps: true, versionKey: false },
);

export const StatementLine = mongoose.model('StatementLine', statementLineSchema);
