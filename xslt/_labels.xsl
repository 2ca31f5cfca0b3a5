<?xml version="1.0" encoding="UTF-8"?>
<!-- The Chinese words for the codes the pages carry (roles, a notice's status, the audit log's
     actions, subjects and non-personal actors), in one place for every page: apply-templates to
     the attribute in mode "label". A code without a word here is shown as it is, which the word
     scan (tests/integration/test_words.py) reports. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:template match="@*" mode="label"><xsl:value-of select="."/></xsl:template>

  <!-- A pause of a period, its first and last days both left out: one day when they are the
       same ("X至X" read as a slip). -->
  <xsl:template match="pause" mode="label">
    <xsl:choose>
      <xsl:when test="@from = @to"><xsl:value-of select="concat(@from, '当日')"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="concat(@from, '至', @to)"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="@role" mode="label">
    <xsl:choose>
      <xsl:when test=". = 'admin'">管理员</xsl:when>
      <xsl:when test=". = 'approver'">审核人</xsl:when>
      <xsl:when test=". = 'staff'">工作人员</xsl:when>
      <xsl:otherwise><xsl:value-of select="."/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A notice's status. -->
  <xsl:template match="@status" mode="label">
    <xsl:choose>
      <xsl:when test=". = 'new'">新建</xsl:when>
      <xsl:when test=". = 'draft'">草稿</xsl:when>
      <xsl:when test=". = 'pending'">待审核</xsl:when>
      <xsl:when test=". = 'published'">已公开</xsl:when>
      <xsl:when test=". = 'withdrawn'">已撤回</xsl:when>
      <xsl:otherwise><xsl:value-of select="."/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Who acted, when it was no person's account. -->
  <xsl:template match="@actor" mode="label">
    <xsl:choose>
      <xsl:when test=". = 'public'">公众（网上提交）</xsl:when>
      <xsl:when test=". = 'api'">推送接口</xsl:when>
      <xsl:when test=". = 'xxgkctl'">命令行管理工具</xsl:when>
      <xsl:when test=". = 'system'">系统</xsl:when>
      <xsl:otherwise><xsl:value-of select="."/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- What the audit log's entry is about. -->
  <xsl:template match="@subject" mode="label">
    <xsl:choose>
      <xsl:when test=". = 'notice'">公开信息</xsl:when>
      <xsl:when test=". = 'request'">依申请公开</xsl:when>
      <xsl:when test=". = 'user'">账号</xsl:when>
      <xsl:when test=". = 'site'">站点</xsl:when>
      <xsl:when test=". = 'calendar'">工作日历</xsl:when>
      <xsl:when test=". = 'token'">接口令牌</xsl:when>
      <xsl:when test=". = 'body'">办理机关</xsl:when>
      <xsl:when test=". = 'auth'">登录限制</xsl:when>
      <xsl:otherwise><xsl:value-of select="."/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- What was done (the audit log's action codes). -->
  <xsl:template match="@action" mode="label">
    <xsl:variable name="a" select="string(.)"/>
    <xsl:choose>
      <xsl:when test="$a = 'notice.create'">新建公开信息</xsl:when>
      <xsl:when test="$a = 'notice.update'">修改公开信息</xsl:when>
      <xsl:when test="$a = 'notice.publish'">发布公开信息</xsl:when>
      <xsl:when test="$a = 'notice.submit'">提交发布审核</xsl:when>
      <xsl:when test="$a = 'notice.withdraw'">撤回公开信息</xsl:when>
      <xsl:when test="$a = 'notice.attach'">上传附件</xsl:when>
      <xsl:when test="$a = 'request.file'">提交申请</xsl:when>
      <xsl:when test="$a = 'request.accept'">受理申请</xsl:when>
      <xsl:when test="$a = 'request.correction'">告知补正</xsl:when>
      <xsl:when test="$a = 'request.corrected'">收到补正</xsl:when>
      <xsl:when test="$a = 'request.abandon'">视为放弃申请</xsl:when>
      <xsl:when test="$a = 'request.consult'">征求第三方意见</xsl:when>
      <xsl:when test="$a = 'request.consult_received'">第三方收到征求意见书</xsl:when>
      <xsl:when test="$a = 'request.consult_end'">征求意见结束</xsl:when>
      <xsl:when test="$a = 'request.public_interest'">决定公开并书面告知第三方</xsl:when>
      <xsl:when test="$a = 'request.extend'">延长答复期限</xsl:when>
      <xsl:when test="$a = 'request.art35_reasons'">要求说明理由</xsl:when>
      <xsl:when test="$a = 'request.art35_later'">确定延迟答复期限</xsl:when>
      <xsl:when test="$a = 'request.fee_notice'">告知收费</xsl:when>
      <xsl:when test="$a = 'request.fee_paid'">收到信息处理费</xsl:when>
      <xsl:when test="$a = 'request.fee_unpaid'">逾期未缴费</xsl:when>
      <xsl:when test="$a = 'request.answer'">作出答复</xsl:when>
      <xsl:when test="$a = 'request.close'">办结</xsl:when>
      <xsl:when test="$a = 'request.withdraw'">撤回申请</xsl:when>
      <xsl:when test="$a = 'request.assign'">指定办理机关</xsl:when>
      <xsl:when test="$a = 'request.redate'">更正收到日期</xsl:when>
      <xsl:when test="$a = 'request.to_notice'">转为主动公开</xsl:when>
      <xsl:when test="$a = 'request.code_reissue'">重新发放查询码</xsl:when>
      <xsl:when test="$a = 'user.add'">新建账号</xsl:when>
      <xsl:when test="$a = 'user.passwd'">修改密码</xsl:when>
      <xsl:when test="$a = 'user.disable'">停用账号</xsl:when>
      <xsl:when test="$a = 'user.enable'">启用账号</xsl:when>
      <xsl:when test="$a = 'user.unlock'">解除登录等待</xsl:when>
      <xsl:when test="$a = 'user.ical_token'">生成日历订阅地址</xsl:when>
      <xsl:when test="$a = 'auth.limit_clear'">解除登录限制</xsl:when>
      <xsl:when test="$a = 'token.add'">新建接口令牌</xsl:when>
      <xsl:when test="$a = 'token.revoke'">吊销接口令牌</xsl:when>
      <xsl:when test="$a = 'site.set'">修改站点设置</xsl:when>
      <xsl:when test="$a = 'body.add'">新建办理机关</xsl:when>
      <xsl:when test="$a = 'body.set'">修改办理机关</xsl:when>
      <xsl:when test="starts-with($a, 'calendar.')">更新工作日历</xsl:when>
      <xsl:otherwise><xsl:value-of select="$a"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
  <!-- What a file of a disclosure request is (request_attachments.kind). -->
  <xsl:template match="attachment/@kind" mode="label">
    <xsl:choose>
      <xsl:when test=". = 'application'">申请材料</xsl:when>
      <xsl:when test=". = 'correction'">补正材料</xsl:when>
      <xsl:when test=". = 'reply'">答复文书</xsl:when>
      <xsl:when test=". = 'notice'">告知书</xsl:when>
      <xsl:when test=". = 'other'">其他材料</xsl:when>
      <xsl:otherwise><xsl:value-of select="."/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A reply's type and its reason (答复类型), each said once: the reason alone where it begins
       with the type's words (其他处理（须写明处理情况）) or is them (予以公开), else both. -->
  <xsl:template name="outcome-and-reason">
    <xsl:param name="outcome"/>
    <xsl:param name="reason"/>
    <xsl:choose>
      <xsl:when test="not(string($reason)) or $reason = $outcome"><xsl:value-of select="$outcome"/></xsl:when>
      <xsl:when test="starts-with($reason, $outcome)"><xsl:value-of select="$reason"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="concat($outcome, ' · ', $reason)"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
