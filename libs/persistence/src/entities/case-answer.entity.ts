import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { FollowUpCaseEntity } from './follow-up-case.entity.js';
import { SurveyAnswerEntity } from './survey-answer.entity.js';

/** Which detractor answers belong to which case; an answer belongs to at most one case. */
@Entity({ name: 'case_answers' })
@Index('case_answers_case_idx', ['caseId'])
export class CaseAnswerEntity {
  @PrimaryColumn({ name: 'survey_event_id', type: 'text', primaryKeyConstraintName: 'case_answers_pkey' })
  surveyEventId!: string;

  @ManyToOne(() => SurveyAnswerEntity, { nullable: false })
  @JoinColumn({ name: 'survey_event_id', foreignKeyConstraintName: 'case_answers_answer_fkey' })
  answer?: Relation<SurveyAnswerEntity>;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @ManyToOne(() => FollowUpCaseEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'case_answers_case_fkey' })
  followUpCase?: Relation<FollowUpCaseEntity>;

  @Column({ name: 'joined_at', type: 'timestamptz', default: () => 'now()' })
  joinedAt!: Date;
}
