package org.jdive.core.cpu;
import org.jdive.core.backend.ConvSpec;
final class ConvKernels {
  static void forward(ConvSpec s, float[] x, float[] w, float[] y) {
    int N=s.batch(),C=s.inChannels(),H=s.inHeight(),W=s.inWidth(),O=s.outChannels(),KH=s.kernelHeight(),KW=s.kernelWidth(),OH=s.outHeight(),OW=s.outWidth();
    for(int n=0;n<N;n++)for(int o=0;o<O;o++)for(int oh=0;oh<OH;oh++)for(int ow=0;ow<OW;ow++){double acc=0;
      for(int c=0;c<C;c++)for(int kh=0;kh<KH;kh++)for(int kw=0;kw<KW;kw++){int ih=oh*s.strideHeight()-s.padHeight()+kh, iw=ow*s.strideWidth()-s.padWidth()+kw; if(ih<0||iw<0||ih>=H||iw>=W)continue;
        acc+=x[((n*C+c)*H+ih)*W+iw]*w[((o*C+c)*KH+kh)*KW+kw];}
      y[((n*O+o)*OH+oh)*OW+ow]=(float)acc;}
  }
  static void backwardData(ConvSpec s, float[] dy, float[] w, float[] dx) {
    int N=s.batch(),C=s.inChannels(),H=s.inHeight(),W=s.inWidth(),O=s.outChannels(),KH=s.kernelHeight(),KW=s.kernelWidth(),OH=s.outHeight(),OW=s.outWidth();
    java.util.Arrays.fill(dx,0,s.inputSize(),0f);
    for(int n=0;n<N;n++)for(int o=0;o<O;o++)for(int oh=0;oh<OH;oh++)for(int ow=0;ow<OW;ow++){float g=dy[((n*O+o)*OH+oh)*OW+ow];
      for(int c=0;c<C;c++)for(int kh=0;kh<KH;kh++)for(int kw=0;kw<KW;kw++){int ih=oh*s.strideHeight()-s.padHeight()+kh, iw=ow*s.strideWidth()-s.padWidth()+kw; if(ih<0||iw<0||ih>=H||iw>=W)continue;
        dx[((n*C+c)*H+ih)*W+iw]+=g*w[((o*C+c)*KH+kh)*KW+kw];}}
  }
  static void backwardWeights(ConvSpec s, float[] x, float[] dy, float[] dw) {
    int N=s.batch(),C=s.inChannels(),H=s.inHeight(),W=s.inWidth(),O=s.outChannels(),KH=s.kernelHeight(),KW=s.kernelWidth(),OH=s.outHeight(),OW=s.outWidth();
    java.util.Arrays.fill(dw,0,s.weightSize(),0f);
    for(int n=0;n<N;n++)for(int o=0;o<O;o++)for(int oh=0;oh<OH;oh++)for(int ow=0;ow<OW;ow++){float g=dy[((n*O+o)*OH+oh)*OW+ow];
      for(int c=0;c<C;c++)for(int kh=0;kh<KH;kh++)for(int kw=0;kw<KW;kw++){int ih=oh*s.strideHeight()-s.padHeight()+kh, iw=ow*s.strideWidth()-s.padWidth()+kw; if(ih<0||iw<0||ih>=H||iw>=W)continue;
        dw[((o*C+c)*KH+kh)*KW+kw]+=g*x[((n*C+c)*H+ih)*W+iw];}}
  }
}
